// Runs the real `livecart` CLI (electron/core/cli.ts) in a child Node, in the given language, and collects what
// it printed: the tests read its exit code and its words as a user would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const CLI = path.resolve(import.meta.dirname, '../../electron/core/cli.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function livecart(args: string[], lang: 'zh-CN' | 'en' = 'en'): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, LIVECART_LANG: lang },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
