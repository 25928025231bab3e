// Web permissions: Electron grants every request when no handler is set, so the studio installs handlers
// that allow exactly two things, for our own page only: camera and microphone ('media', the stream preview)
// and writing text to the clipboard ('clipboard-sanitized-write', copying a pairing link). Reading the
// clipboard stays refused.
// The decisions are pure; the session is passed in (type-only import) so tests drive the real wiring.
import type { Session } from 'electron';
import { isAppUrl } from './security.ts';

export interface PermissionRequestFacts {
  permission: string;
  /** The URL the requesting frame last loaded. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** For 'media': which devices. */
  mediaTypes?: readonly string[] | undefined;
}

const MEDIA_TYPES = new Set(['video', 'audio']);
const ALLOWED = new Set(['media', 'clipboard-sanitized-write']);

/** A permission prompt from a page (getUserMedia, clipboard.writeText): allowed only from our main frame. */
export function permissionRequestDecision(facts: PermissionRequestFacts): boolean {
  if (!ALLOWED.has(facts.permission)) return false;
  if (!facts.isMainFrame || typeof facts.requestingUrl !== 'string' || !isAppUrl(facts.requestingUrl)) return false;
  if (facts.permission !== 'media') return true;
  // 'media' only ever asks for cameras and microphones; anything else in the list is not what we allow.
  return (facts.mediaTypes ?? []).every((type) => MEDIA_TYPES.has(type));
}

export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string | undefined;
  isMainFrame: boolean;
  /** Set for cross-origin subframes: a page embedded in ours gets nothing. */
  embeddingOrigin?: string | undefined;
}

/** A silent check (enumerateDevices, permissions.query): the same rule, by origin. */
export function permissionCheckDecision(facts: PermissionCheckFacts): boolean {
  if (!ALLOWED.has(facts.permission) || !facts.isMainFrame) return false;
  if (facts.embeddingOrigin !== undefined && facts.embeddingOrigin !== '') return false;
  return typeof facts.requestingOrigin === 'string' && isAppUrl(facts.requestingOrigin);
}

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      permissionRequestDecision({
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes,
      }),
    );
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    permissionCheckDecision({
      permission,
      requestingOrigin,
      isMainFrame: details.isMainFrame,
      embeddingOrigin: details.embeddingOrigin,
    }),
  );
  // HID, USB and serial devices: the studio uses none.
  session.setDevicePermissionHandler(() => false);
}
