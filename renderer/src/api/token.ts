// The web host hands out `http://127.0.0.1:PORT/#token=…`. The token leaves the address bar at once (so it
// is not shared by a screenshot or a copied URL) and lives in sessionStorage so a reload keeps working.
const KEY = 'livecart.token';

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
    return token;
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget when storage is disabled.
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
