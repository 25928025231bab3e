// Locks every web contents the app creates (windows, and anything a page might try to open): navigation
// stays on app://studio, trusted links go to the system browser, no new windows, no <webview>.
// Electron objects come in as parameters (type-only import), so a test can drive it with a fake.
import type { WebContents } from 'electron';
import { isAllowedNavigation, navigationDecision, windowOpenDecision } from './security.ts';

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => void): void {
  // Main-frame navigations: a clicked trusted link opens in the browser; the window stays where it is.
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternal) openExternal(decision.openExternal);
  });
  // Subframes (the CSP already forbids them): refused, and never allowed to drive an external open.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) openExternal(decision.openExternal);
    return { action: decision.action };
  });
}
