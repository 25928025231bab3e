// What the core's utilityProcess does with its parent's messages: open the studio once, then attach a
// MessagePort per window to the protocol server. Separate from the entry file so a test can drive it.
import type { Studio, StudioOptions } from '../studio.ts';
import { portChannel, type MessagePortLike } from '../rpc/port-transport.ts';
import { fatalFromError, parseToCore, type FromCoreMessage } from './utility-messages.ts';

/** Electron's `process.parentPort`, described structurally (the core never imports 'electron'). */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown; ports: MessagePortLike[] }) => void): unknown;
  postMessage(message: FromCoreMessage): void;
}

type CoreStudio = Pick<Studio, 'server' | 'close'>;

export interface UtilityDeps<S extends CoreStudio = CoreStudio> {
  openStudio(options: StudioOptions): Promise<S>;
  /** Gives the studio its LAN listener for assistant access (it listens only while access is switched on). */
  attachLan(studio: S, options: { rendererDir: string }): Promise<void>;
  exit(code: number): void;
}

export function runUtility<S extends CoreStudio>(
  parentPort: ParentPortLike,
  deps: UtilityDeps<S>,
): { shutdown(): Promise<void> } {
  let studio: S | null = null;
  let opening: Promise<void> | null = null;
  let failed = false;
  let stopping: Promise<void> | null = null;
  // A window can be connected while the database is still opening (migrations); it waits here.
  const waiting: MessagePortLike[] = [];

  const attach = (port: MessagePortLike): void => {
    if (studio && !stopping) studio.server.connect(portChannel(port));
    else if (failed || stopping) port.close();
    else waiting.push(port);
  };

  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      for (const port of waiting.splice(0)) port.close();
      try {
        await opening;
        await studio?.close();
      } catch (error) {
        console.error('[core] close failed:', error);
      }
      parentPort.postMessage({ type: 'closed' });
      deps.exit(0);
    })();
    return stopping;
  };

  parentPort.on('message', (messageEvent) => {
    const message = parseToCore(messageEvent.data);
    if (!message) return; // nothing but the handshake is read from this port
    if (message.type === 'init') {
      if (opening) return; // only the first init counts: one process, one data directory
      const secretKey = message.secretKey ? Buffer.from(message.secretKey, 'base64') : undefined;
      const mediaKey = message.mediaKey ? Buffer.from(message.mediaKey, 'base64') : undefined;
      const { dataDir, appVersion, secretsLocked } = message;
      opening = deps.openStudio({ dataDir, appVersion, secretKey, secretsLocked, mediaKey }).then(
        (opened) => {
          studio = opened;
          for (const port of waiting.splice(0)) attach(port);
          parentPort.postMessage({ type: 'ready' });
          const { rendererDir } = message;
          if (rendererDir && !stopping) {
            deps.attachLan(opened, { rendererDir }).catch((error: unknown) => {
              console.error('[core] assistant access could not start:', error instanceof Error ? error.message : error);
            });
          }
        },
        (error: unknown) => {
          failed = true;
          for (const port of waiting.splice(0)) port.close();
          console.error('[core] could not open the studio:', error instanceof Error ? error.message : error);
          parentPort.postMessage(fatalFromError(error));
        },
      );
    } else if (message.type === 'connect') {
      const port = messageEvent.ports[0];
      if (port) attach(port);
    } else {
      void shutdown();
    }
  });

  return { shutdown };
}
