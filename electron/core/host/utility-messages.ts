// The handshake between Electron's main process and the core's utilityProcess, typed once for both sides.
// main → core: init (once), connect (with a MessagePort, one per window), shutdown.
// core → main: ready, fatal (the core cannot open: a message for the user, and no restart), closed.

export interface InitMessage {
  type: 'init';
  dataDir: string;
  appVersion: string;
  /** The built renderer, for assistant access's LAN listener (browsers on the LAN load the UI from the core). */
  rendererDir: string | null;
  /** The data key for stream keys at rest, unwrapped by the main process from safeStorage (base64), if any. */
  secretKey: string | null;
  /** The keychain holds the key but cannot open it now: stored stream keys stay closed (never a new key). */
  secretsLocked: boolean;
  /** The per-launch key that signs media tickets (base64, 32 bytes); main's app:// protocol checks with it. */
  mediaKey: string | null;
}
export type ToCoreMessage = InitMessage | { type: 'connect' } | { type: 'shutdown' };

export interface FatalMessage {
  type: 'fatal';
  /** A message code (messages.ts) when the core knows one, e.g. a database from a newer app version. */
  code: string;
  /** English, for the log and the dialog's details. */
  message: string;
  /** The values the code's text needs (e.g. dbVersion, appVersion for db_from_future). */
  params: Record<string, string | number>;
}
export type FromCoreMessage = { type: 'ready' } | FatalMessage | { type: 'closed' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseToCore(data: unknown): ToCoreMessage | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'init':
      if (typeof data.dataDir !== 'string' || data.dataDir === '') return null;
      return {
        type: 'init',
        dataDir: data.dataDir,
        appVersion: typeof data.appVersion === 'string' ? data.appVersion : '0.0.0',
        rendererDir: typeof data.rendererDir === 'string' && data.rendererDir !== '' ? data.rendererDir : null,
        secretKey:
          typeof data.secretKey === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(data.secretKey) ? data.secretKey : null,
        secretsLocked: data.secretsLocked === true,
        mediaKey:
          typeof data.mediaKey === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(data.mediaKey) ? data.mediaKey : null,
      };
    case 'connect':
    case 'shutdown':
      return { type: data.type };
    default:
      return null;
  }
}

export function parseFromCore(data: unknown): FromCoreMessage | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'ready':
    case 'closed':
      return { type: data.type };
    case 'fatal':
      return {
        type: 'fatal',
        code: typeof data.code === 'string' && data.code !== '' ? data.code : 'core_failed',
        message: typeof data.message === 'string' ? data.message : 'the studio core failed to start',
        params: primitiveFields(data.params),
      };
    default:
      return null;
  }
}

const NOT_PARAMS = new Set(['code', 'message', 'name', 'stack', 'issues', 'current', 'params']);

function primitiveFields(value: unknown): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (!isRecord(value)) return params;
  for (const [key, field] of Object.entries(value)) {
    if (NOT_PARAMS.has(key)) continue;
    if (typeof field === 'string' || (typeof field === 'number' && Number.isFinite(field))) params[key] = field;
  }
  return params;
}

/**
 * Why openStudio failed, in a shape that survives postMessage (an Error's class and own fields do not):
 * its code, its English message, and its plain fields (a StudioError subclass keeps its values there).
 */
export function fatalFromError(error: unknown): FatalMessage {
  const code = isRecord(error) && typeof error.code === 'string' && error.code !== '' ? error.code : 'core_failed';
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'fatal', code, message, params: primitiveFields(error) };
}
