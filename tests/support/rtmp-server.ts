// A real RTMP ingest for tests: Debian's nginx with libnginx-mod-rtmp on a loopback port, started from a config
// written into a temp dir. One process (`master_process off`), running as the current user, so SIGSTOP freezes the
// whole ingest and nothing is ever written outside the temp dir. Stream keys are accepted or refused by an
// in-process on_publish hook (a Node http server on 127.0.0.1), which also records every key that tried to publish.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { nginxPath, RTMP_MODULE } from './tools.ts';
import { rtmpTarget, type RtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';

export interface RtmpServerOptions {
  /** Stream keys the on_publish hook refuses (403); every other key is accepted. */
  rejectKeys?: string[];
}

export interface RtmpServer {
  /** The loopback TCP port nginx listens on; the same across restart(). */
  readonly port: number;
  /** The running nginx's pid (a new one after restart()); 0 after kill() or stop(). */
  readonly pid: number;
  /** The temp dir with nginx.conf, the pid file and rtmp-access.log; removed by stop(). */
  readonly dir: string;
  /** `rtmp://127.0.0.1:PORT/APP/KEY`. */
  url(key: string, app?: string): string;
  /** Where a publisher goes: this server's address and `key`, kept apart as the studio keeps them. */
  target(key: string, app?: string): RtmpTarget;
  /** Keys the hook refuses; change it at any time (it is read on every publish). */
  readonly rejectKeys: Set<string>;
  /** Every key that tried to publish, in order (from on_publish), accepted or not. */
  readonly publishes: string[];
  /** Keys whose publish ended (from on_publish_done), in order. */
  readonly publishesDone: string[];
  readonly accepted: number;
  readonly rejected: number;
  /** Resolves when `key` has tried to publish (at least `count` times in all); rejects after `timeoutMs`. */
  waitForPublish(key: string, timeoutMs?: number, count?: number): Promise<void>;
  /** nginx's stderr so far, across restarts (its error log, level info: connects, publishes, hook calls). */
  log(): string;
  /** SIGSTOP: the ingest freezes (connections stay open, nothing is read). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** SIGKILL, and wait until the process is gone: every connection drops at once. */
  kill(): Promise<void>;
  /** Start nginx again on the same port (kills the running one first), so a publisher's URL stays valid. */
  restart(): Promise<void>;
  /** SIGTERM (SIGKILL after a grace period), wait for the exit, close the hook, remove the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 5_000;
const TERM_GRACE_MS = 2_000;
const EXIT_TIMEOUT_MS = 5_000;
const LOG_LIMIT = 64 * 1024;

// Any nginx still running when this process exits (a crashed or aborted test) is killed. The SIGKILL is sent from
// 'exit' (normal end, uncaught exception), from SIGINT/SIGTERM (then the signal is re-raised), and by the kernel when
// this process dies any other way (setpriv --pdeathsig, when available).
const live = new Set<ChildProcess>();
const dirs = new Set<string>(); // temp dirs of servers not stopped yet, removed on exit too
function killAll(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}
let exitHooked = false;
function hookProcessExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      // Alone, re-raise so the signal still ends the process; otherwise the other listeners decide.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function nginxConfig(dir: string, port: number, hookPort: number): string {
  const hook = `http://127.0.0.1:${hookPort}`;
  const at = (name: string) => path.join(dir, name);
  return `# Written by tests/support/rtmp-server.ts
daemon off;
master_process off;
pid ${at('nginx.pid')};
lock_file ${at('nginx.lock')};
error_log stderr info;
load_module ${RTMP_MODULE};
events { worker_connections 256; }
rtmp {
  access_log ${at('rtmp-access.log')};
  server {
    listen 127.0.0.1:${port};
    chunk_size 4096;
    application live {
      live on;
      record off;
      notify_method get;
      on_publish ${hook}/publish;
      on_publish_done ${hook}/publish_done;
    }
  }
}
`;
}

/**
 * Resolves when 127.0.0.1:port answers an RTMP handshake (C0+C1 → S0 = version 3): a plain TCP connect could be
 * answered by whoever else holds the port. Rejects when `gone()` says nginx died or failed, or after the timeout.
 */
async function waitForRtmp(port: number, gone: () => string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = gone();
    if (why !== null) throw new Error(why);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.setTimeout(250, () => socket.destroy());
      socket.once('connect', () => socket.write(Buffer.concat([Buffer.from([3]), Buffer.alloc(1536)])));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data[0] === 3);
      });
      socket.once('close', () => resolve(false));
      socket.once('error', () => undefined);
    });
    if (ok && gone() === null) return;
    if (Date.now() > deadline) throw new Error(`nginx did not answer RTMP on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startRtmpServer(options: RtmpServerOptions = {}): Promise<RtmpServer> {
  const found = nginxPath();
  if (!found) throw new Error('nginx is not installed (apt-get install nginx libnginx-mod-rtmp)');
  const nginx: string = found;
  if (!fs.existsSync(RTMP_MODULE)) throw new Error(`${RTMP_MODULE} is missing (apt-get install libnginx-mod-rtmp)`);
  hookProcessExit();

  const rejectKeys = new Set(options.rejectKeys ?? []);
  const publishes: string[] = [];
  const publishesDone: string[] = [];
  let accepted = 0;
  let rejected = 0;
  const publishWaiters = new Set<() => void>();

  // on_publish with `notify_method get`: GET /publish?call=publish&app=live&name=KEY&… — 2xx accepts, anything else refuses.
  const hook = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('name') ?? '';
    if (url.pathname === '/publish') {
      publishes.push(key);
      const ok = !rejectKeys.has(key);
      if (ok) accepted++;
      else rejected++;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'refused');
      for (const wake of publishWaiters) wake();
      return;
    }
    if (url.pathname === '/publish_done') publishesDone.push(key);
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve, reject) => {
    hook.once('error', reject);
    hook.listen(0, '127.0.0.1', resolve);
  });
  hook.unref();
  const hookPort = (hook.address() as net.AddressInfo).port;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-rtmp-'));
  dirs.add(dir);
  const confPath = path.join(dir, 'nginx.conf');
  let port = 0;
  let stopped = false;
  let child: ChildProcess | null = null;
  let stderr = '';

  async function launch(): Promise<void> {
    fs.writeFileSync(confPath, nginxConfig(dir, port, hookPort));
    const args = ['-p', `${dir}/`, '-c', confPath, '-e', 'stderr'];
    // setpriv execs nginx in place (same pid) with "SIGKILL me when my parent dies".
    const argv = SETPRIV ? ['--pdeathsig', 'SIGKILL', '--', nginx, ...args] : args;
    const proc = spawn(SETPRIV ?? nginx, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    live.add(proc);
    let exited: string | null = null;
    let spawnError: Error | null = null;
    proc.once('error', (error) => (spawnError = error));
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      exited = `nginx exited (${signal ?? `code ${code}`})`;
    });
    proc.stderr!.setEncoding('utf8');
    let ownLog = ''; // this launch's stderr only, for its failure checks
    proc.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-LOG_LIMIT);
      ownLog = (ownLog + chunk).slice(-LOG_LIMIT);
    });
    // Neither nginx nor its pipe keeps the test process alive: a test that forgets stop() still ends (and kills it).
    proc.unref();
    (proc.stderr as unknown as net.Socket).unref();
    // nginx retries a failed bind() for ~2.5 s before giving up: fail at the first "bind() to … failed".
    const gone = () =>
      spawnError
        ? `could not start nginx: ${String(spawnError)}`
        : (exited ?? (/bind\(\) to \S+ failed/.test(ownLog) ? `nginx could not bind 127.0.0.1:${port}` : null));
    try {
      await waitForRtmp(port, gone, START_TIMEOUT_MS);
    } catch (error) {
      proc.kill('SIGKILL');
      await waitForExit(proc, EXIT_TIMEOUT_MS);
      throw new Error(`${(error as Error).message}\n--- nginx stderr ---\n${ownLog.trim()}`, { cause: error });
    }
  }

  async function killNow(): Promise<void> {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGKILL');
    if (!(await waitForExit(proc, EXIT_TIMEOUT_MS))) throw new Error(`nginx ${proc.pid} did not die after SIGKILL`);
    child = null;
  }

  // A free port can be taken by someone else between our probe and nginx's bind: try a fresh one a few times.
  for (let attempt = 1; ; attempt++) {
    port = await freeLoopbackPort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test(String(error))) {
        hook.close();
        fs.rmSync(dir, { recursive: true, force: true });
        dirs.delete(dir);
        throw error;
      }
    }
  }

  const signal = (name: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error('nginx is not running');
    child.kill(name);
  };

  return {
    get port() {
      return port;
    },
    get pid() {
      return child?.pid ?? 0;
    },
    dir,
    url: (key, app = 'live') => `rtmp://127.0.0.1:${port}/${app}/${encodeURIComponent(key)}`,
    target: (key, app = 'live') => rtmpTarget(`rtmp://127.0.0.1:${port}/${app}`, key)!,
    rejectKeys,
    publishes,
    publishesDone,
    get accepted() {
      return accepted;
    },
    get rejected() {
      return rejected;
    },
    waitForPublish(key, timeoutMs = 5_000, count = 1) {
      const seen = () => publishes.filter((k) => k === key).length >= count;
      if (seen()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (!seen()) return;
          clearTimeout(timer);
          publishWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          publishWaiters.delete(wake);
          reject(new Error(`no publish of "${key}" within ${timeoutMs} ms (seen: ${JSON.stringify(publishes)})`));
        }, timeoutMs);
        publishWaiters.add(wake);
      });
    },
    log: () => stderr,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    kill: killNow,
    async restart() {
      if (stopped) throw new Error('restart() after stop()');
      await killNow();
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGCONT'); // a paused nginx would hold SIGTERM pending
        proc.kill('SIGTERM');
        if (!(await waitForExit(proc, TERM_GRACE_MS))) await killNow();
      }
      child = null;
      hook.closeAllConnections();
      await new Promise<void>((resolve) => hook.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
      dirs.delete(dir);
    },
  };
}
