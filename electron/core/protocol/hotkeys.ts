// The desktop app's global hotkeys, runtime-neutral: what they do, their defaults, and the rules every face applies
// the same way — the settings screen (capturing a key press), the core (refusing a bad set) and the Electron shell
// (registering them). Written as Electron accelerators ("CommandOrControl+Alt+Right"), which is what the shell hands
// to globalShortcut; "CommandOrControl" is ⌘ on macOS and Ctrl elsewhere.

export const HOTKEY_ACTIONS = [
  'explainNext',
  'explainPrevious',
  'stopExplaining',
  'toggleMute',
  'pushNextCoupon',
] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];
/** Each action's accelerator, or null when switched off. */
export type HotkeyBindings = Record<HotkeyAction, string | null>;

/**
 * Ctrl/⌘+Alt with the console's own keys (] next, [ previous, . stop) and a letter: out of the way of typing,
 * reachable with one hand. Not Ctrl+Alt+arrows: Linux desktops switch workspaces with them and Intel graphics
 * drivers on Windows rotate the screen.
 */
export const DEFAULT_HOTKEYS: HotkeyBindings = {
  explainNext: 'CommandOrControl+Alt+]',
  explainPrevious: 'CommandOrControl+Alt+[',
  stopExplaining: 'CommandOrControl+Alt+.',
  toggleMute: 'CommandOrControl+Alt+M',
  pushNextCoupon: 'CommandOrControl+Alt+C',
};

export type Platform = 'darwin' | 'win32' | 'linux';
/** The platform as the hotkey rules know it (any other Unix counts as Linux). */
export function hotkeyPlatform(platform: string): Platform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'AltGr' | 'Shift' | 'Super';

const MODIFIER_NAMES: Record<string, Modifier> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};
const MODIFIER_ORDER: Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

// prettier-ignore
const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'PrintScreen',
  'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const KEY_NAMES = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const ALIASES: Record<string, string> = { Enter: 'Return', Esc: 'Escape' };
/** Keys that may stand alone: nobody types them in another app by accident. */
const LONE_KEY = /^(F(1[3-9]|2[0-4])|Media\w+|Volume\w+)$/;

export interface Accelerator {
  modifiers: Modifier[];
  key: string;
}

/** Reads an accelerator ("ctrl+alt+right" too); null when it is not one Electron would take. */
export function parseAccelerator(text: string): Accelerator | null {
  const parts = text.split('+').map((p) => p.trim());
  // "Ctrl++" is Ctrl and the plus key.
  if (text.endsWith('++')) parts.splice(-2, 2, 'Plus');
  if (parts.length === 0 || parts.some((p) => p === '')) return null;
  const modifiers = new Set<Modifier>();
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIER_NAMES[part.toLowerCase()];
    if (!modifier || modifiers.has(modifier)) return null;
    modifiers.add(modifier);
  }
  const key = keyName(parts.at(-1)!);
  if (!key) return null;
  return { modifiers: MODIFIER_ORDER.filter((m) => modifiers.has(m)), key };
}

function keyName(raw: string): string | null {
  if (/^[a-z0-9]$/i.test(raw)) return raw.toUpperCase();
  if (/^F([1-9]|1[0-9]|2[0-4])$/i.test(raw)) return raw.toUpperCase();
  if (/^[)!@#$%^&*(:;:+=<,_\->.?/~`{\][|\\}"']$/.test(raw)) return raw;
  const named = KEY_NAMES.get(raw.toLowerCase());
  return named ? (ALIASES[named] ?? named) : null;
}

/** The one spelling of an accelerator (modifiers in a fixed order, key names as Electron writes them), or null. */
export function normalizeAccelerator(text: string): string | null {
  const parsed = parseAccelerator(text);
  return parsed ? [...parsed.modifiers, parsed.key].join('+') : null;
}

/** What the keys are on this platform: CommandOrControl becomes Command (macOS) or Control. */
function resolved(accelerator: Accelerator, platform: Platform): string {
  const modifiers: Modifier[] = accelerator.modifiers.map((m) =>
    m === 'CommandOrControl' ? (platform === 'darwin' ? 'Command' : 'Control') : m,
  );
  return [...MODIFIER_ORDER.filter((m) => modifiers.includes(m)), accelerator.key].join('+');
}

/**
 * What the system, or apps every host has open, already mean by these keys: a global hotkey there would break them
 * (WeChat's and QQ's screenshot is Ctrl+Alt+A / ⌃⌘A; arrows with Ctrl+Alt rotate the screen or switch desktops).
 */
// prettier-ignore
const RESERVED: Record<Platform, string[]> = {
  darwin: [
    'Command+Q', 'Command+W', 'Command+H', 'Command+M', 'Command+Tab', 'Command+Space', 'Control+Space',
    'Command+C', 'Command+V', 'Command+X', 'Command+Z', 'Command+A', 'Command+S',
    'Command+Alt+Escape', 'Command+Shift+3', 'Command+Shift+4', 'Command+Shift+5', 'Command+Control+A',
    'Command+Control+Q', 'Command+Control+F',
  ],
  win32: [
    'Alt+F4', 'Alt+Tab', 'Alt+Escape', 'Control+Alt+Delete', 'Control+Shift+Escape', 'Control+Escape',
    'Control+C', 'Control+V', 'Control+X', 'Control+Z', 'Control+A', 'Control+S',
    'Super+L', 'Super+D', 'Super+E', 'Super+R', 'Super+Tab', 'Control+Alt+A', 'Control+Alt+Z',
    'Control+Alt+Up', 'Control+Alt+Down', 'Control+Alt+Left', 'Control+Alt+Right',
  ],
  linux: [
    'Alt+F4', 'Alt+Tab', 'Control+Alt+Delete', 'Control+Alt+T', 'Control+Alt+Left', 'Control+Alt+Right',
    'Control+Alt+Up', 'Control+Alt+Down', 'Control+C', 'Control+V', 'Control+X', 'Control+Z', 'Control+A',
    'Control+S', 'Super+L', 'Control+Alt+L',
  ],
};

export type HotkeyProblemCode = 'hotkey_invalid' | 'hotkey_needs_modifier' | 'hotkey_duplicate' | 'hotkey_reserved';

export interface HotkeyProblem {
  action: HotkeyAction;
  code: HotkeyProblemCode;
  /** hotkey_duplicate: the other action with the same keys. */
  other?: HotkeyAction;
}

/** Everything wrong with a set of bindings on a platform; an empty list means the shell may register them all. */
export function hotkeyProblems(bindings: HotkeyBindings, platform: Platform): HotkeyProblem[] {
  const problems: HotkeyProblem[] = [];
  const seen = new Map<string, HotkeyAction>();
  for (const action of HOTKEY_ACTIONS) {
    const text = bindings[action];
    if (text === null) continue;
    const parsed = parseAccelerator(text);
    if (!parsed) {
      problems.push({ action, code: 'hotkey_invalid' });
      continue;
    }
    const onlyShift = parsed.modifiers.every((m) => m === 'Shift');
    if (onlyShift && !LONE_KEY.test(parsed.key)) {
      problems.push({ action, code: 'hotkey_needs_modifier' });
      continue;
    }
    const keys = resolved(parsed, platform);
    if (RESERVED[platform].includes(keys)) {
      problems.push({ action, code: 'hotkey_reserved' });
      continue;
    }
    const other = seen.get(keys);
    if (other) problems.push({ action, code: 'hotkey_duplicate', other });
    else seen.set(keys, action);
  }
  return problems;
}

/** A key press as the browser reports it. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

// prettier-ignore
const CODE_KEYS: Record<string, string> = {
  ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Space: 'Space', Tab: 'Tab',
  Backspace: 'Backspace', Delete: 'Delete', Insert: 'Insert', Enter: 'Return', NumpadEnter: 'Return',
  Home: 'Home', End: 'End', PageUp: 'PageUp', PageDown: 'PageDown', Escape: 'Escape', PrintScreen: 'PrintScreen',
  Minus: '-', Equal: '=', BracketLeft: '[', BracketRight: ']', Backslash: '\\', Semicolon: ';', Quote: "'",
  Comma: ',', Period: '.', Slash: '/', Backquote: '`',
};

/**
 * The accelerator a key press stands for (the settings screen's "press the keys" field), by the physical key (so
 * Alt+M on a Mac, which types "µ", is still M); null while only modifiers are held. CommandOrControl for ⌘ on macOS
 * and Ctrl elsewhere, so a set made on one machine means the same hand position on the other.
 */
export function acceleratorFromKey(press: KeyPress, platform: Platform): string | null {
  let key: string | undefined;
  if (/^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  else if (/^Digit[0-9]$/.test(press.code)) key = press.code.slice(5);
  else if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.code)) key = press.code;
  else if (/^Numpad[0-9]$/.test(press.code)) key = `num${press.code.slice(6)}`;
  else key = CODE_KEYS[press.code];
  if (!key) return null;
  const primary = platform === 'darwin' ? press.metaKey : press.ctrlKey;
  const secondary = platform === 'darwin' ? press.ctrlKey : press.metaKey;
  const modifiers: string[] = [];
  if (primary) modifiers.push('CommandOrControl');
  if (secondary) modifiers.push(platform === 'darwin' ? 'Control' : 'Super');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey) modifiers.push('Shift');
  return normalizeAccelerator([...modifiers, key].join('+'));
}

/** How to show an accelerator to the host on a platform: ⌘⌥→ on macOS, Ctrl+Alt+→ elsewhere. */
export function acceleratorLabel(text: string, platform: Platform): string {
  const parsed = parseAccelerator(text);
  if (!parsed) return text;
  const arrows: Record<string, string> = { Up: '↑', Down: '↓', Left: '←', Right: '→' };
  const key = arrows[parsed.key] ?? parsed.key;
  if (platform === 'darwin') {
    const mac: Record<Modifier, string> = {
      CommandOrControl: '⌘',
      Command: '⌘',
      Control: '⌃',
      Alt: '⌥',
      AltGr: '⌥',
      Shift: '⇧',
      Super: '⌘',
    };
    return parsed.modifiers.map((m) => mac[m]).join('') + key;
  }
  const names: Record<Modifier, string> = {
    CommandOrControl: 'Ctrl',
    Command: 'Win',
    Control: 'Ctrl',
    Alt: 'Alt',
    AltGr: 'AltGr',
    Shift: 'Shift',
    Super: 'Win',
  };
  return [...parsed.modifiers.map((m) => names[m]), key].join('+');
}
