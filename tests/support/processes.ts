// What other local users can see of this machine's processes.
import fs from 'node:fs';

/** Every process whose command line (what `ps` shows any local user) holds one of `secrets` (Linux: /proc). */
export function commandLinesHolding(secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    } catch {
      continue; // gone meanwhile
    }
    if (secrets.some((secret) => cmdline.includes(secret))) found.push(`${pid}: ${cmdline.split('\0')[0]}`);
  }
  return found;
}
