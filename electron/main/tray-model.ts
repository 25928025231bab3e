// The tray icon's menu and tooltip, decided from the show's state: pure, so a test checks every case without
// Electron. The shell (shell-controls.ts) turns the model into a Menu and the icon into a nativeImage.
import type { Locale } from '../core/protocol/messages.ts';

export interface ShellStatus {
  /** The stream's phase (null: the core has not said yet). */
  phase: 'idle' | 'starting' | 'live' | 'stopping' | 'failed' | null;
  startedAt: number | null;
  muted: boolean;
  /** Each destination of the running show and whether it is live. */
  destinations: Array<{ name: string; live: boolean }>;
  /** The live session, if one runs. */
  session: { id: number; title: string } | null;
}

export type TrayItemId = 'status' | 'destinations' | 'mute' | 'stop' | 'open' | 'quit';

export interface TrayItem {
  id: TrayItemId | 'separator';
  label: string;
  enabled: boolean;
  checked?: boolean;
}

export type TrayIcon = 'idle' | 'live' | 'muted';

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
}

const WORDS = {
  'zh-CN': {
    app: 'LiveCart Studio',
    idle: '未开播',
    starting: '正在开播…',
    live: '直播中',
    stopping: '正在结束…',
    failed: '直播已中断',
    rehearsal: '彩排中（没有推流）',
    muted: '已静音',
    mute: '静音',
    stop: '结束直播…',
    open: '打开工作室',
    quit: '退出',
    none: '没有推流目标',
    of: (live: number, all: number) => `推流目标 ${live}/${all} 在线`,
  },
  en: {
    app: 'LiveCart Studio',
    idle: 'Not live',
    starting: 'Going live…',
    live: 'LIVE',
    stopping: 'Ending…',
    failed: 'The show stopped',
    rehearsal: 'Rehearsing (not broadcasting)',
    muted: 'Muted',
    mute: 'Mute',
    stop: 'End the show…',
    open: 'Open the studio',
    quit: 'Quit',
    none: 'No destinations',
    of: (live: number, all: number) => `${live} of ${all} destinations live`,
  },
};

/** `1:02:03` / `02:03`. */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${m}:${s}` : `${m}:${s}`;
}

export function trayModel(status: ShellStatus, now: number, locale: Locale): TrayModel {
  const w = WORDS[locale];
  const streaming = status.phase === 'live' || status.phase === 'starting';
  const onAir = streaming || status.session !== null;
  let state: string = status.phase === null ? w.idle : w[status.phase];
  if (!streaming && status.session) state = w.rehearsal;
  if (status.phase === 'live' && status.startedAt !== null) state = `${state} ${elapsed(now - status.startedAt)}`;
  if (streaming && status.muted) state = `${state} · ${w.muted}`;
  const title = status.session ? `${status.session.title} — ${state}` : state;
  const live = status.destinations.filter((d) => d.live).length;
  const items: TrayItem[] = [{ id: 'status', label: title, enabled: false }];
  if (streaming) {
    items.push({
      id: 'destinations',
      label: status.destinations.length > 0 ? w.of(live, status.destinations.length) : w.none,
      enabled: false,
    });
  }
  items.push(
    { id: 'separator', label: '', enabled: false },
    { id: 'mute', label: w.mute, enabled: status.phase === 'live', checked: streaming && status.muted },
    { id: 'stop', label: w.stop, enabled: onAir && status.phase !== 'stopping' },
    { id: 'separator', label: '', enabled: false },
    { id: 'open', label: w.open, enabled: true },
    { id: 'quit', label: w.quit, enabled: true },
  );
  return {
    icon: streaming ? (status.muted ? 'muted' : 'live') : 'idle',
    tooltip: `${w.app} — ${title}`,
    items,
  };
}

const COLOURS: Record<TrayIcon, [number, number, number]> = {
  idle: [0x9a, 0xa3, 0xb2],
  live: [0xff, 0x2d, 0x55],
  muted: [0xff, 0x2d, 0x55],
};

/**
 * The tray icon as raw BGRA pixels (what nativeImage.createFromBitmap takes): a disc, red while live, grey
 * otherwise, with a white bar across it while muted. Drawn here, so no image files ship for it.
 */
export function trayIconBitmap(icon: TrayIcon, size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const [r, g, b] = COLOURS[icon];
  const centre = (size - 1) / 2;
  const radius = size * 0.42;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      // One pixel of soft edge.
      const coverage = Math.max(0, Math.min(1, radius - distance + 0.5));
      if (coverage === 0) continue;
      const bar = icon === 'muted' && Math.abs(y - centre) <= size * 0.09 && Math.abs(x - centre) <= radius * 0.6;
      const at = (y * size + x) * 4;
      pixels[at] = bar ? 255 : b;
      pixels[at + 1] = bar ? 255 : g;
      pixels[at + 2] = bar ? 255 : r;
      pixels[at + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}

export type StopChoice = 'endShow' | 'stopStream' | 'cancel';

/**
 * Asked before the tray ends anything (a stray click must not end a show). With a session live the host chooses:
 * the whole show (session and stream), or only the stream. Cancel is the default and the escape.
 */
export function stopDialog(
  status: ShellStatus,
  locale: Locale,
): { message: string; detail: string; buttons: Array<{ label: string; choice: StopChoice }> } {
  const zh = locale === 'zh-CN';
  const streaming = status.phase === 'live' || status.phase === 'starting';
  const cancel = { label: zh ? '取消' : 'Cancel', choice: 'cancel' as const };
  if (status.session) {
    const buttons: Array<{ label: string; choice: StopChoice }> = [
      { label: zh ? '结束整场直播' : 'End the show', choice: 'endShow' },
    ];
    if (streaming) buttons.push({ label: zh ? '只停止推流' : 'Stop the stream only', choice: 'stopStream' as const });
    return {
      message: zh ? `结束“${status.session.title}”？` : `End “${status.session.title}”?`,
      detail: zh
        ? '结束整场直播会停止推流并结束本场的讲解和发券；只停止推流则场次继续（例如换网络后重新推流）。'
        : 'Ending the show stops the stream and closes the session; stopping the stream only keeps the session going (to push again after changing networks, say).',
      buttons: [...buttons, cancel],
    };
  }
  return {
    message: zh ? '结束直播？' : 'End the show?',
    detail: zh ? '推流会停止，观众会看到直播结束。' : 'The stream stops; viewers see the show end.',
    buttons: [{ label: zh ? '结束直播' : 'End the show', choice: 'stopStream' }, cancel],
  };
}
