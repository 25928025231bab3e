import { constants } from 'node:os';

// What `npm start` runs: the Electron app when its runtime is here (or can be fetched quickly), otherwise
// the same studio in the browser. A pure decision so every branch is tested without Electron.

export interface LaunchFacts {
  /** LIVECART_NO_ELECTRON=1: go straight to the browser studio. */
  noElectron: boolean;
  platform: NodeJS.Platform;
  /** Linux needs an X11 or Wayland display for a window. */
  hasDisplay: boolean;
  /** node_modules/electron/path.txt names a binary that exists under node_modules/electron/dist. */
  electronBinaryExists: boolean;
  /** undefined: no download tried yet; true/false: how the one attempt ended. */
  downloadOk: boolean | undefined;
}

export type LaunchChoice = { kind: 'electron' } | { kind: 'download' } | { kind: 'browser'; reason: BrowserReason };

export type BrowserReason = 'disabled' | 'unsupported-platform' | 'no-runtime' | 'no-runtime-no-display' | 'no-display';

// Platforms Electron publishes runtimes for; elsewhere a download can only fail, slowly.
const ELECTRON_PLATFORMS: ReadonlySet<string> = new Set(['darwin', 'linux', 'win32']);

export function chooseLaunch(facts: LaunchFacts): LaunchChoice {
  if (facts.noElectron) return { kind: 'browser', reason: 'disabled' };
  if (!ELECTRON_PLATFORMS.has(facts.platform)) return { kind: 'browser', reason: 'unsupported-platform' };
  const headless = facts.platform === 'linux' && !facts.hasDisplay;
  if (facts.electronBinaryExists) return headless ? { kind: 'browser', reason: 'no-display' } : { kind: 'electron' };
  // Without a display the runtime could not open a window anyway: not worth a download.
  if (headless) return { kind: 'browser', reason: 'no-runtime-no-display' };
  if (facts.downloadOk === undefined) return { kind: 'download' };
  return { kind: 'browser', reason: 'no-runtime' };
}

/** The one line `npm start` prints before serving the browser studio. */
export function browserFallbackLine(reason: BrowserReason): string {
  switch (reason) {
    case 'disabled':
      return 'LIVECART_NO_ELECTRON=1: serving the browser studio.';
    case 'no-display':
      return 'No display for an Electron window here (DISPLAY/WAYLAND_DISPLAY unset); serving the browser studio instead.';
    case 'no-runtime-no-display':
      return 'Electron runtime not available here (and no display to open a window on); serving the browser studio instead.';
    case 'unsupported-platform':
      return 'Electron has no runtime for this platform; serving the browser studio instead.';
    case 'no-runtime':
      return 'Electron runtime not available here (could not be downloaded); serving the browser studio instead.';
  }
}

export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The exit code a parent should report for a child that ended with `code` or was killed by `signal`. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  // The shell convention (128 + signal number) keeps "interrupted" distinguishable from "failed".
  const number = signal ? constants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}
