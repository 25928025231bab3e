// `npm start`: build, then run the Electron app if its runtime is here (fetching it once, briefly, if not),
// otherwise say so in one line and serve the same studio in the browser. Runs with plain Node 24.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { electronRuntime } from '../core/system/electron-runtime.ts';
import { browserFallbackLine, chooseLaunch, exitCodeOf, hasDisplay, type LaunchFacts } from './choose-launch.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 60_000;
const args = process.argv.slice(2);

const electronBinary = (): string | null => electronRuntime().binary;

function runBuild(script: string): void {
  if (process.env.LIVECART_SKIP_BUILD === '1') return;
  // npm sets npm_execpath; running its JS with this Node avoids npm.cmd's shell on Windows.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(exitCodeOf(result.status, result.signal) || 1);
}

/** One attempt at Electron's own installer, quietly, with a time limit. */
function downloadRuntime(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], {
      cwd: ELECTRON_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    const slow = setTimeout(() => console.log('Fetching the Electron runtime (at most 60 s)…'), 3000);
    const limit = setTimeout(() => child.kill(), DOWNLOAD_TIMEOUT_MS);
    const done = (ok: boolean): void => {
      clearTimeout(slow);
      clearTimeout(limit);
      resolve(ok);
    };
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
}

/** Runs the child in the foreground: signals are passed on, and its exit code becomes ours. */
function foreground(child: ChildProcess): void {
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`Could not start ${child.spawnfile}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
}

async function main(): Promise<void> {
  const facts: LaunchFacts = {
    noElectron: process.env.LIVECART_NO_ELECTRON === '1',
    platform: process.platform,
    hasDisplay: hasDisplay(process.env),
    electronBinaryExists: electronBinary() !== null,
    downloadOk: undefined,
  };
  let choice = chooseLaunch(facts);
  // The browser studio needs only the renderer; the app needs the Electron build as well.
  runBuild(choice.kind === 'browser' ? 'build:renderer' : 'build');
  if (choice.kind === 'download') {
    facts.downloadOk = await downloadRuntime();
    facts.electronBinaryExists = electronBinary() !== null;
    choice = chooseLaunch(facts);
  }
  const binary = electronBinary();
  if (choice.kind === 'electron' && binary) {
    foreground(spawn(binary, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit' }));
    return;
  }
  console.log(browserFallbackLine(choice.kind === 'browser' ? choice.reason : 'no-runtime'));
  foreground(
    spawn(process.execPath, [path.join(ROOT, 'electron', 'core', 'cli.ts'), 'serve', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
    }),
  );
}

await main();
