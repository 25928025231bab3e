// The tray icon and the global hotkeys: what a host reaches without the studio's window in front (a full-screen
// camera preview, OBS, WeChat). Both act through the shell's own connection to the core (studio-port-client.ts);
// every decision is in a pure module beside this one (tray-model.ts, hotkey-actions.ts, hotkey-registration.ts).
import { dialog, globalShortcut, Menu, nativeImage, Notification, Tray, type MessagePortMain } from 'electron';
import { messageFor, type Locale } from '../core/protocol/messages.ts';
import type { HotkeyAction, HotkeyBindings, Platform } from '../core/protocol/hotkeys.ts';
import type { StreamState } from '../core/protocol/stream-schemas.ts';
import type { CoreHost } from './core-process.ts';
import { hotkeyCall } from './hotkey-actions.ts';
import { registrationPlan, registrationReport } from './hotkey-registration.ts';
import { ShellCallError, StudioPortClient } from './studio-port-client.ts';
import { stopDialog, trayIconBitmap, trayModel, type ShellStatus, type TrayIcon } from './tray-model.ts';

const ICON_SIZE = 32;

export interface ShellControlsOptions {
  host: CoreHost;
  locale: Locale;
  platform: Platform;
  /** Brings the studio's window to the front (opening one when none is). */
  showWindow(): void;
  quit(): void;
}

export function startShellControls(options: ShellControlsOptions): { dispose(): void } {
  const { locale, platform } = options;
  let client: StudioPortClient | null = null;
  let stream: StreamState | null = null;
  let session: ShellStatus['session'] = null;
  let registered = '';
  let clock: ReturnType<typeof setInterval> | null = null;
  const icons = new Map<TrayIcon, Electron.NativeImage>();
  const icon = (kind: TrayIcon) => {
    let image = icons.get(kind);
    if (!image) {
      // Drawn at 32 px, shown at 16 points: sharp on high-density screens.
      const size = { width: ICON_SIZE, height: ICON_SIZE, scaleFactor: 2 };
      image = nativeImage.createFromBitmap(trayIconBitmap(kind, ICON_SIZE), size);
      icons.set(kind, image);
    }
    return image;
  };
  const tray = new Tray(icon('idle'));

  const status = (): ShellStatus => ({
    phase: stream?.phase ?? null,
    startedAt: stream?.startedAt ?? null,
    muted: stream?.audio?.muted ?? false,
    destinations: (stream?.destinations ?? [])
      .filter((d) => d.live !== null)
      .map((d) => ({ name: d.name, live: d.live?.phase === 'live' })),
    session,
  });

  const say = (code: string) => {
    if (Notification.isSupported())
      new Notification({ title: 'LiveCart Studio', body: messageFor(code, locale) }).show();
  };

  const call = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      say(error instanceof ShellCallError ? error.code : 'internal');
    }
  };

  async function stop(): Promise<void> {
    const ask = stopDialog(status(), locale);
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      message: ask.message,
      detail: ask.detail,
      buttons: ask.buttons.map((b) => b.label),
      defaultId: ask.buttons.length - 1,
      cancelId: ask.buttons.length - 1,
    });
    const choice = ask.buttons[response]?.choice ?? 'cancel';
    const c = client;
    if (!c || choice === 'cancel') return;
    if (choice === 'endShow' && session) await call(() => c.call('show.end', { sessionId: session!.id }));
    else await call(() => c.call('stream.stop', {}));
  }

  function render(): void {
    const model = trayModel(status(), Date.now(), locale);
    tray.setImage(icon(model.icon));
    tray.setToolTip(model.tooltip);
    const actions: Partial<Record<string, () => void>> = {
      mute: () => void call(() => client!.call('stream.setMuted', { muted: !(stream?.audio?.muted ?? false) })),
      stop: () => void stop(),
      open: options.showWindow,
      quit: options.quit,
    };
    tray.setContextMenu(
      Menu.buildFromTemplate(
        model.items.map((item) =>
          item.id === 'separator'
            ? { type: 'separator' as const }
            : {
                label: item.label,
                enabled: item.enabled,
                ...(item.checked !== undefined ? { type: 'checkbox' as const, checked: item.checked } : {}),
                click: actions[item.id],
              },
        ),
      ),
    );
    // The clock in the tooltip moves once a second while live; nothing ticks otherwise.
    const live = stream?.phase === 'live';
    if (live && !clock) clock = setInterval(render, 1000);
    if (!live && clock) {
      clearInterval(clock);
      clock = null;
    }
  }

  async function press(action: HotkeyAction): Promise<void> {
    const c = client;
    if (!c) return;
    const needsCoupons = action === 'pushNextCoupon' && session !== null;
    const [coupons, detail] = needsCoupons
      ? await Promise.all([c.call('coupons.list', {}), c.call('live.session', { id: session!.id })])
      : [null, null];
    const decided = hotkeyCall(action, {
      sessionId: session?.id ?? null,
      streaming: stream?.phase === 'live',
      muted: stream?.audio?.muted ?? false,
      coupons: coupons?.items ?? [],
      pushes: detail?.pushes ?? [],
      now: Date.now(),
    });
    if ('refused' in decided) return say(decided.refused);
    await call(() => c.call(decided.method, decided.params as never));
  }

  async function register(bindings: HotkeyBindings): Promise<void> {
    const key = JSON.stringify(bindings);
    if (key === registered || !client) return; // our own report comes back as a change: nothing new to register
    registered = key;
    globalShortcut.unregisterAll();
    const plan = registrationPlan(bindings, platform);
    const accepted = plan.map((r) => {
      try {
        return globalShortcut.register(r.accelerator, () => void press(r.action));
      } catch {
        return false;
      }
    });
    const report = registrationReport(plan, accepted);
    if (report.taken.length > 0) console.warn(`[main] hotkeys held by another app: ${report.taken.join(', ')}`);
    await client.call('settings.reportHotkeys', report).catch(() => undefined);
  }

  async function connect(port: MessagePortMain): Promise<void> {
    client?.close();
    const c = new StudioPortClient(port);
    client = c;
    registered = '';
    c.on('stream.changed', ({ state }) => {
      stream = state;
      render();
    });
    c.on('live.sessionChanged', ({ session: changed }) => {
      if (changed.state === 'live') session = { id: changed.id, title: changed.title };
      else if (session?.id === changed.id) session = null;
      render();
    });
    c.on('settings.hotkeysChanged', ({ state }) => void register(state.bindings));
    try {
      await c.ready;
      const [state, sessions, hotkeys] = await Promise.all([
        c.call('stream.state', {}),
        c.call('live.sessions', { includeEnded: false }),
        c.call('settings.hotkeys', {}),
      ]);
      stream = state;
      const live = sessions.items.find((s) => s.state === 'live');
      session = live ? { id: live.id, title: live.title } : null;
      render();
      await register(hotkeys.bindings);
    } catch (error) {
      console.error('[main] the tray could not reach the studio core:', error);
    }
  }

  tray.on('click', () => tray.popUpContextMenu());
  options.host.attachShell((port) => void connect(port));
  render();
  return {
    dispose() {
      if (clock) clearInterval(clock);
      globalShortcut.unregisterAll();
      client?.close();
      tray.destroy();
    },
  };
}
