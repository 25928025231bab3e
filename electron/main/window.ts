// The main window's options as a pure function, so the security-relevant flags are checked by a test
// rather than by reading code. No 'electron' import at runtime.
import type { BrowserWindowConstructorOptions } from 'electron';

export const LOCALE_ARGUMENT = '--livecart-locale=';
// A BCP 47-ish tag (zh-CN, en-US, zh_Hant_TW): letters first, then short subtags.
const LOCALE_PATTERN = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/;
// Dark like the studio UI: the window paints this before the first frame, so there is no white flash.
export const WINDOW_BACKGROUND = '#111111';

/**
 * The locale travels to the preload on the renderer's command line; keep it to BCP 47 characters so
 * nothing else ever rides along.
 */
export function localeArgument(locale: string): string {
  const clean = typeof locale === 'string' && LOCALE_PATTERN.test(locale) ? locale : 'en-US';
  return `${LOCALE_ARGUMENT}${clean}`;
}

export interface MainWindowInput {
  preloadPath: string;
  /** `app.getLocale()`. */
  locale: string;
  /** Devtools in development only; a packaged build has no use for them. */
  devTools: boolean;
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'LiveCart Studio',
    width: 1440,
    height: 900,
    // The live bag, preview and order list side by side need at least this much.
    minWidth: 1100,
    minHeight: 680,
    // Shown on 'ready-to-show', once the first frame is painted.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
      additionalArguments: [localeArgument(input.locale)],
    },
  };
}
