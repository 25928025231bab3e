// Web permissions: Electron grants every request when no handler is set, so the studio installs handlers
// that allow exactly one thing, for our own page only: writing text to the clipboard ('clipboard-sanitized-write',
// copying a pairing link). The camera and microphone are captured by ffmpeg in the core, never by the page, so the
// page gets no 'media' at all (a compromised page could otherwise watch and listen). Reading the clipboard stays
// refused.
// The decisions are pure; the session is passed in (type-only import) so tests drive the real wiring.
import type { Session } from 'electron';
import { isAppUrl } from './security.ts';

export interface PermissionRequestFacts {
  permission: string;
  /** The URL the requesting frame last loaded. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** For 'media': which devices (refused whatever they are). */
  mediaTypes?: readonly string[] | undefined;
}

const ALLOWED = new Set(['clipboard-sanitized-write']);

/** A permission prompt from a page (clipboard.writeText): allowed only from our main frame. */
export function permissionRequestDecision(facts: PermissionRequestFacts): boolean {
  if (!ALLOWED.has(facts.permission)) return false;
  return facts.isMainFrame && typeof facts.requestingUrl === 'string' && isAppUrl(facts.requestingUrl);
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
