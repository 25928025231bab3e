// The Electron main process: lifecycle and wiring only. Every decision it applies lives in a pure module
// next to it (security, window, permissions, core-policy) with its own test.
import { app, BrowserWindow, dialog, protocol, safeStorage, session, shell } from 'electron';
import crypto from 'node:crypto';
import path from 'node:path';
import { APP_DIR_NAME, defaultDataDir } from '../core/system/data-dir.ts';
import { messageFor, pickLocale, type Locale } from '../core/protocol/messages.ts';
import { APP_INDEX_URL, installAppProtocol, registerAppScheme } from './app-protocol.ts';
import { fatalDialogText, gaveUpDialogText, restoreFailedText, restoreOffer, type DialogText } from './core-policy.ts';
import type { FatalMessage } from '../core/host/utility-messages.ts';
import { DB_FILE, MediaTickets, restoreBackup } from '../core/host/shell-facade.ts';
import { LEAVE_BUTTON, leaveWhileLiveDialog } from './leave-guard.ts';
import { loadSecretKey } from './secret-key.ts';
import { startCore, type CoreHost } from './core-process.ts';
import { guardWebContents } from './guard.ts';
import { installDownloads } from './downloads.ts';
import { installPermissionHandlers } from './permissions.ts';
import { trustedExternalUrl } from './security.ts';
import { mainWindowOptions } from './window.ts';
import { startShellControls } from './shell-controls.ts';
import { hotkeyPlatform } from '../core/protocol/hotkeys.ts';

const here = import.meta.dirname; // dist-electron/main
const PRELOAD = path.join(here, '..', 'preload', 'preload.cjs');
const CORE_ENTRY = path.join(here, '..', 'core', 'host', 'utility-entry.js');

// Before 'ready': schemes, the sandbox for every renderer, and the same data folder the CLI uses.
registerAppScheme(protocol);
app.enableSandbox();
app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME));

let core: CoreHost | null = null;
let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): void {
  const trusted = trustedExternalUrl(url); // checked again here: this is the only call to shell.openExternal
  if (trusted)
    shell.openExternal(trusted).catch((error: unknown) => console.error('[main] openExternal failed:', error));
}

function showErrorAndQuit(text: DialogText): void {
  dialog.showErrorBox(text.title, text.content);
  app.quit();
}

/** The core cannot open its data: offer the latest backup when the database is damaged, else say why and quit. */
function coreFailed(fatal: FatalMessage, dataDir: string, locale: Locale): void {
  const offer = restoreOffer(fatal, locale);
  if (!offer) return showErrorAndQuit(fatalDialogText(fatal, locale));
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: offer.title,
    message: offer.content,
    buttons: offer.buttons,
    defaultId: 0,
    cancelId: 1,
  });
  if (choice !== 0) return void app.quit();
  // The core has exited (a fatal start is not restarted); restoreBackup holds the folder against any command.
  restoreBackup(path.join(dataDir, DB_FILE), offer.backup).then(
    () => {
      app.relaunch();
      app.exit(0);
    },
    (error: unknown) => showErrorAndQuit(restoreFailedText(offer, error, locale)),
  );
}

function openMainWindow(host: CoreHost): void {
  const window = new BrowserWindow(
    mainWindowOptions({ preloadPath: PRELOAD, locale: app.getLocale(), devTools: !app.isPackaged }),
  );
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // The page blocks unloading while a show runs; ask before closing (preventDefault here lets it close).
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, leaveWhileLiveDialog(pickLocale(app.getLocale())));
    if (choice === LEAVE_BUTTON) event.preventDefault();
  });
  host.attachWindow(window.webContents);
  window.loadURL(APP_INDEX_URL).catch((error: unknown) => console.error('[main] could not load the studio:', error));
}

if (!app.requestSingleInstanceLock()) {
  // Two copies would fight over one SQLite writer and one camera: hand over to the first and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));

  app
    .whenReady()
    .then(() => {
      const locale = pickLocale(app.getLocale());
      const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');
      // userData (the CLI's default too), or LIVECART_DATA_DIR for a test's fresh folder.
      const dataDir = process.env.LIVECART_DATA_DIR ? defaultDataDir() : app.getPath('userData');
      // The core signs clip tickets with this key, and the app protocol checks them: clips play without a round trip.
      const media = new MediaTickets(crypto.randomBytes(32), dataDir);
      installAppProtocol(protocol, rendererDir, media);
      installPermissionHandlers(session.defaultSession);
      installDownloads(session.defaultSession, () => {
        // Synchronous: the download waits for its path. Shown over the studio's window.
        const options: Electron.OpenDialogSyncOptions = {
          title: messageFor('clips_export_folder', locale),
          properties: ['openDirectory', 'createDirectory'],
        };
        const chosen = mainWindow ? dialog.showOpenDialogSync(mainWindow, options) : dialog.showOpenDialogSync(options);
        return chosen?.[0] ?? null;
      });
      const host = startCore({
        entryPath: CORE_ENTRY,
        dataDir,
        secrets: loadSecretKey(dataDir, safeStorage),
        mediaKey: media.key,
        appVersion: app.getVersion(),
        rendererDir,
        onFatal: (fatal) => coreFailed(fatal, dataDir, locale),
        onGaveUp: (exitCode) => showErrorAndQuit(gaveUpDialogText(exitCode, locale)),
      });
      core = host;
      openMainWindow(host);
      startShellControls({
        host,
        locale,
        platform: hotkeyPlatform(process.platform),
        showWindow: () => {
          if (!mainWindow) return openMainWindow(host);
          if (mainWindow.isMinimized()) mainWindow.restore();
          mainWindow.show();
          mainWindow.focus();
        },
        quit: () => app.quit(),
      });
      app.on('activate', () => {
        // macOS: clicking the dock icon with no window open brings the studio back.
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow(host);
      });
    })
    .catch((error: unknown) => {
      console.error('[main] startup failed:', error);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Let the core close SQLite before the app exits (it is killed after a timeout if it hangs).
  let coreState: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (!core || coreState === 'closed') return;
    event.preventDefault();
    if (coreState === 'closing') return;
    coreState = 'closing';
    void core.shutdown().finally(() => {
      coreState = 'closed';
      app.quit();
    });
  });
}
