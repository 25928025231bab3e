// Runs the real `livecart` CLI (electron/core/cli.ts) in a child Node, in the given language, and collects what
// it printed: the tests read its exit code and its words as a user would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/**
 * The same, without blocking this process: for commands that talk to a server this process runs (a fake shop).
 * `onStart` gets the child, so a test can kill it mid-run.
 */
export function livecartAsync(
  args: string[],
  options: {
    lang?: 'zh-CN' | 'en';
    env?: NodeJS.ProcessEnv;
    stdin?: string;
    onStart?: (child: ChildProcess) => void;
  } = {},
): Promise<CliRun & { signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, LIVECART_LANG: options.lang ?? 'en', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  options.onStart?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
