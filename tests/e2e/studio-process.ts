// One `cli.ts serve` child per test: fresh data directory, random port, URL read from its stdout (no sleeps).
// `restart()` stops it and starts it again on the same data directory ("close the studio, open it again").
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
// Overridable so the suite can drive another build of the host (e.g. a packaged `livecart`).
const CLI = process.env.LIVECART_E2E_CLI ?? path.join(REPO_ROOT, 'electron/core/cli.ts');
const URL_LINE = /(http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export class StudioProcess {
  url = '';
  origin = '';
  token = '';
  port = 0;
  /** Everything the child wrote, for the test report when something fails. */
  log: string[] = [];
  readonly dataDir: string;
  private child: ChildProcessWithoutNullStreams | null = null;
  /** Added to the child's environment (a fake shop's address, say). */
  private readonly env: NodeJS.ProcessEnv;

  private constructor(dataDir: string, env: NodeJS.ProcessEnv) {
    this.dataDir = dataDir;
    this.env = env;
  }

  /** The running `cli.ts serve` child's PID (its ffmpeg processes are its children); null when it is not running. */
  get pid(): number | null {
    const child = this.child;
    return child && child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null;
  }

  static async start(env: NodeJS.ProcessEnv = {}): Promise<StudioProcess> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'livecart-e2e-'));
    const studio = new StudioProcess(dataDir, env);
    await studio.spawn();
    return studio;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.spawn();
  }

  /** Stops the child by its PID: SIGTERM (the host closes the database cleanly), SIGKILL if it hangs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid!, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private spawn(): Promise<void> {
    this.url = '';
    // Assistant access (off unless a test switches it on) stays on loopback too, on a port of the system's choice.
    const lan = ['--lan-host', '127.0.0.1', '--lan-port', '0', '--overlay-port', '0'];
    const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', this.dataDir, '--port', '0', ...lan], {
      cwd: REPO_ROOT,
      env: { ...process.env, LIVECART_LANG: 'en', ...this.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdin.end();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.log.push(`[stderr] ${chunk.trimEnd()}`));
    return new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      const timer = setTimeout(
        () => fail(new Error(`the studio printed no URL within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        fail(new Error(`the studio exited before printing its URL (code ${code}, signal ${signal})`));
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        reject(new Error(`${error.message}\n${this.log.join('\n')}`));
      };
      child.once('exit', onExit);
      child.once('error', (error) => fail(error));
      lines.on('line', (line) => {
        this.log.push(line);
        const match = URL_LINE.exec(line);
        if (!match || this.url) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        this.url = match[1]!;
        this.port = Number(match[2]);
        this.token = match[3]!;
        this.origin = `http://127.0.0.1:${this.port}`;
        resolve();
      });
    });
  }
}
