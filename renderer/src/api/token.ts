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
