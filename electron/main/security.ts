// The shell's security policy as pure functions (no 'electron' import): what a window may navigate to,
// what may open outside the app, which IPC senders are ours, and the page's Content-Security-Policy.
// main.ts and guard.ts wire these to Electron; tests check every decision directly.

import { RENDERER_CSP } from '../core/host/renderer-policy.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Hosts the studio may open in the system browser: the live platforms' consoles and help pages a seller
 * needs next to the studio. Exact hosts only: a wildcard would trust every page a platform hosts for others.
 */
export const TRUSTED_EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'channels.weixin.qq.com', // 视频号助手 (WeChat Channels console)
  'mp.weixin.qq.com', // 公众号 articles linked from products
  'live.douyin.com',
  'buyin.jinritemai.com', // 巨量百应 (Douyin live commerce)
  'fxg.jinritemai.com', // 抖店
  'live.kuaishou.com',
  'studio.youtube.com',
  'dashboard.twitch.tv',
]);

// Anything longer is not a link a person clicked; the OS handler should never see it.
const MAX_EXTERNAL_URL_LENGTH = 2048;

function parse(url: string): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Our own pages: `app://studio/…`, no credentials, no port. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** A window may only ever show our own pages (a reload or an in-app link); everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The normalised URL to hand to `shell.openExternal`, or null. openExternal passes the string to the OS,
 * which launches whatever handles the scheme (file:, smb:, ms-msdt:…), so only http(s) to an allow-listed
 * host gets through, and never with credentials, an explicit port, or characters the parser would drop.
 */
export function trustedExternalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // The URL parser silently strips tabs, newlines and edge spaces; a link that needs that is not a clean link.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return null;
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  // Hostnames come back lower-cased and punycoded, so a look-alike (Cyrillic а, full-width dot) never matches.
  if (!TRUSTED_EXTERNAL_HOSTS.has(parsed.hostname)) return null;
  return parsed.href;
}

export function isTrustedExternalUrl(url: string): boolean {
  return trustedExternalUrl(url) !== null;
}

export interface LinkDecision {
  /** Whether the window itself may go there. */
  allow: boolean;
  /** When not allowed: the URL to open in the system browser instead, if it is trusted. */
  openExternal: string | null;
}

/** `will-navigate` / `will-frame-navigate` / `will-redirect`: stay in the app, or hand a trusted link out. */
export function navigationDecision(url: string): LinkDecision {
  if (isAllowedNavigation(url)) return { allow: true, openExternal: null };
  return { allow: false, openExternal: trustedExternalUrl(url) };
}

/** `setWindowOpenHandler`: the studio never opens a second Electron window from page content. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal: string | null } {
  return { action: 'deny', openExternal: trustedExternalUrl(url) };
}

/** IPC and port hand-over: only the main frame of one of our own pages is a trusted sender. */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame === true && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/**
 * The CSP on every app:// response, the same the web host sends (core/host/renderer-policy.ts). React's `style={…}` sets styles through the CSSOM, which CSP does not
 * restrict, and Vite emits CSS as files, so styles need no 'unsafe-inline'. The renderer talks to the core
 * over a MessagePort, so it needs no network at all beyond its own files.
 */
export function contentSecurityPolicy(): string {
  return RENDERER_CSP;
}
