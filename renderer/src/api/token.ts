// The web host hands out `http://127.0.0.1:PORT/#token=…`. The token leaves the address bar at once (so it
// is not shared by a screenshot or a copied URL) and lives in sessionStorage so a reload keeps working.
// An assistant device (a phone that scanned the host's pairing QR code) also keeps its token in localStorage,
// so reopening the studio from the home screen or history works after the tab was closed. The host's token
// changes every launch and never goes there.
const KEY = 'livecart.token';
const DEVICE_KEY = 'livecart.deviceToken';
/** Not a secret: remembers that this browser was paired as an assistant, to explain a refusal in those terms. */
const PAIRED_KEY = 'livecart.pairedAssistant';

let current: string | null = null;

export function takeTokenFromLocation(): string | null {
  const match = /(?:^#|[#&])token=([^&]*)/.exec(window.location.hash);
  if (match) {
    const token = decodeURIComponent(match[1] ?? '');
    try {
      sessionStorage.setItem(KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
    current = token;
    return token;
  }
  current = read(() => sessionStorage, KEY) ?? read(() => localStorage, DEVICE_KEY);
  return current;
}

/** Called once the studio said this connection is an assistant: keep the token across tab closes. */
export function keepTokenOnThisDevice(): void {
  if (current === null) return;
  try {
    localStorage.setItem(DEVICE_KEY, current);
    localStorage.setItem(PAIRED_KEY, '1');
  } catch {
    // Without storage the phone scans the code again next time.
  }
}

/** True when this browser was once paired as an assistant (even if its token was since revoked). */
export function wasPairedAsAssistant(): boolean {
  return read(() => localStorage, PAIRED_KEY) === '1';
}

export function forgetToken(): void {
  current = null;
  try {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(DEVICE_KEY);
  } catch {
    // Nothing to forget when storage is disabled.
  }
}

/** Even naming a storage can throw where the browser disables it. */
function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

/**
 * Opening the studio's link in a tab that is already on the same host changes only the hash, which does not
 * reload the page: pick the new token up and start over with it.
 */
export function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    if (!/(?:^#|[#&])token=/.test(window.location.hash)) return;
    takeTokenFromLocation();
    window.location.reload();
  });
}
