// Runs the studio core in a utilityProcess (a slow query or an export never freezes a window), restarts
// it after a crash within limits, and gives each of our windows its own MessagePort to it.
import {
  MessageChannelMain,
  utilityProcess,
  type MessagePortMain,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import { parseFromCore, type FatalMessage, type ToCoreMessage } from '../core/host/utility-messages.ts';
import { restartDecision } from './core-policy.ts';
import { isTrustedSender } from './security.ts';
import type { SecretKeyAnswer } from './secret-key.ts';

export const PORT_CHANNEL = 'studio:port';

export interface CoreOptions {
  /** The built utility entry (dist-electron/core/host/utility-entry.js). */
  entryPath: string;
  dataDir: string;
  appVersion: string;
  /** The built renderer (dist/renderer): the core serves it to assistants' browsers when LAN access is on. */
  rendererDir: string;
  /** The data key for stream keys (from safeStorage), or none: the core keeps its own key file, or keeps them closed. */
  secrets: SecretKeyAnswer;
  /** The per-launch key the core signs clip tickets with (the app protocol checks them with it). */
  mediaKey: Buffer;
  /** The core cannot open its data; it is not restarted. */
  onFatal(fatal: FatalMessage): void;
  /** The core crashed too often; it is not restarted again. */
  onGaveUp(exitCode: number): void;
}

export interface CoreHost {
  /** Connects this window now and after every load and core restart. */
  attachWindow(contents: WebContents): void;
  /** Gives the shell (tray, global hotkeys) its own port to the core now and after every core restart. */
  attachShell(onPort: (port: MessagePortMain) => void): void;
  /** Asks the core to close SQLite and exit; kills it after `timeoutMs`. */
  shutdown(timeoutMs?: number): Promise<void>;
}

export function startCore(options: CoreOptions): CoreHost {
  let child: UtilityProcess | null = null;
  let stopping = false;
  let fatal = false;
  const crashes: number[] = [];
  const windows = new Set<WebContents>();
  let shell: ((port: MessagePortMain) => void) | null = null;

  const connectShell = (): void => {
    if (!child || !shell) return;
    const { port1, port2 } = new MessageChannelMain();
    post({ type: 'connect' }, [port1]);
    shell(port2);
  };

  const post = (message: ToCoreMessage, transfer?: MessagePortMain[]): void => {
    child?.postMessage(message, transfer);
  };

  const connect = (contents: WebContents): void => {
    // The port is the whole studio API: only a page of ours, in its main frame, receives one.
    if (!child || contents.isDestroyed() || !isTrustedSender(contents.mainFrame.url, true)) return;
    const { port1, port2 } = new MessageChannelMain();
    post({ type: 'connect' }, [port1]);
    contents.postMessage(PORT_CHANNEL, null, [port2]);
  };

  const spawn = (): void => {
    const proc = utilityProcess.fork(options.entryPath, [], { serviceName: 'LiveCart Studio Core', stdio: 'inherit' });
    child = proc;
    proc.on('message', (data: unknown) => {
      const message = parseFromCore(data);
      if (message?.type === 'fatal') {
        fatal = true;
        options.onFatal(message);
      }
    });
    proc.on('exit', (code) => {
      if (child === proc) child = null;
      if (stopping || fatal) return;
      const now = Date.now();
      const decision = restartDecision(crashes, now);
      crashes.push(now);
      if (!decision.restart) return options.onGaveUp(code);
      console.error(`[main] the studio core exited (${code}); restarting in ${decision.delayMs} ms`);
      setTimeout(() => {
        if (stopping) return;
        spawn();
        for (const contents of windows) connect(contents);
        connectShell();
      }, decision.delayMs);
    });
    post({
      type: 'init',
      dataDir: options.dataDir,
      appVersion: options.appVersion,
      rendererDir: options.rendererDir,
      secretKey: options.secrets.key?.toString('base64') ?? null,
      secretsLocked: options.secrets.protection === 'locked',
      mediaKey: options.mediaKey.toString('base64'),
    });
  };

  spawn();

  return {
    attachWindow(contents) {
      windows.add(contents);
      contents.once('destroyed', () => windows.delete(contents));
      // Every load (first, reload) runs a fresh preload that needs a fresh port.
      contents.on('did-finish-load', () => connect(contents));
      if (!contents.isLoading() && contents.mainFrame.url !== '') connect(contents);
    },
    attachShell(onPort) {
      shell = onPort;
      connectShell();
    },
    shutdown(timeoutMs = 5000) {
      stopping = true;
      const proc = child;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          proc.kill();
          resolve();
        }, timeoutMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        post({ type: 'shutdown' });
      });
    },
  };
}
