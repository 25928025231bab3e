// The global hotkeys' rules, shared by the settings screen, the core and the desktop shell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acceleratorFromKey,
  acceleratorLabel,
  DEFAULT_HOTKEYS,
  hotkeyProblems,
  normalizeAccelerator,
  parseAccelerator,
  type KeyPress,
} from '../../electron/core/protocol/hotkeys.ts';

test('accelerators: read in any case and alias, written one way; nonsense refused', () => {
  assert.equal(normalizeAccelerator('ctrl+alt+right'), 'Control+Alt+Right');
  assert.equal(normalizeAccelerator('Shift+CmdOrCtrl+m'), 'CommandOrControl+Shift+M');
  assert.equal(normalizeAccelerator('Option+Esc'), 'Alt+Escape');
  assert.equal(normalizeAccelerator('Ctrl++'), 'Control+Plus');
  assert.equal(normalizeAccelerator('F13'), 'F13');
  for (const bad of ['', 'Ctrl+', 'Ctrl+Alt', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+Banana', 'A+B']) {
    assert.equal(parseAccelerator(bad), null, bad);
  }
});

test('the defaults are clean on every platform', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const)
    assert.deepEqual(hotkeyProblems(DEFAULT_HOTKEYS, platform), []);
});

test('problems: invalid, a lone letter, the same keys twice (also spelled differently), what the system uses', () => {
  const bindings = {
    explainNext: 'M',
    explainPrevious: 'Ctrl+Nope',
    stopExplaining: 'CommandOrControl+Alt+D',
    toggleMute: 'ctrl+alt+d',
    pushNextCoupon: 'Alt+F4',
  };
  assert.deepEqual(hotkeyProblems(bindings, 'win32'), [
    { action: 'explainNext', code: 'hotkey_needs_modifier' },
    { action: 'explainPrevious', code: 'hotkey_invalid' },
    { action: 'toggleMute', code: 'hotkey_duplicate', other: 'stopExplaining' },
    { action: 'pushNextCoupon', code: 'hotkey_reserved' },
  ]);
  // ⌘ on a Mac: Ctrl+Alt+D is then a different key from CommandOrControl+Alt+D; ⌘Q is the system's.
  assert.deepEqual(
    hotkeyProblems({ ...bindings, explainNext: null, explainPrevious: null, pushNextCoupon: 'CmdOrCtrl+Q' }, 'darwin'),
    [{ action: 'pushNextCoupon', code: 'hotkey_reserved' }],
  );
  // Shift alone is no modifier for a letter; a media key may stand alone; off is never a problem.
  assert.deepEqual(
    hotkeyProblems(
      { ...DEFAULT_HOTKEYS, toggleMute: 'Shift+M', pushNextCoupon: 'MediaPlayPause', explainNext: null },
      'linux',
    ),
    [{ action: 'toggleMute', code: 'hotkey_needs_modifier' }],
  );
});

const press = (p: Partial<KeyPress>): KeyPress => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...p,
});

test('a key press becomes the accelerator, by the physical key, with ⌘ meaning CommandOrControl on a Mac', () => {
  assert.equal(
    acceleratorFromKey(press({ code: 'ArrowRight', ctrlKey: true, altKey: true }), 'win32'),
    'CommandOrControl+Alt+Right',
  );
  assert.equal(
    acceleratorFromKey(press({ key: 'µ', code: 'KeyM', metaKey: true, altKey: true }), 'darwin'),
    'CommandOrControl+Alt+M',
  );
  assert.equal(acceleratorFromKey(press({ code: 'KeyM', ctrlKey: true }), 'darwin'), 'Control+M');
  assert.equal(acceleratorFromKey(press({ code: 'Digit3', metaKey: true, shiftKey: true }), 'win32'), 'Shift+Super+3');
  assert.equal(acceleratorFromKey(press({ code: 'F13' }), 'linux'), 'F13');
  assert.equal(
    acceleratorFromKey(press({ code: 'BracketRight', ctrlKey: true, altKey: true }), 'win32'),
    DEFAULT_HOTKEYS.explainNext,
  );
  // Ctrl+Alt+arrows: the screen turns on Windows with Intel graphics, the desktop switches on Linux.
  assert.deepEqual(hotkeyProblems({ ...DEFAULT_HOTKEYS, explainNext: 'Ctrl+Alt+Right' }, 'win32'), [
    { action: 'explainNext', code: 'hotkey_reserved' },
  ]);
  assert.equal(
    acceleratorFromKey(press({ code: 'ControlLeft', ctrlKey: true }), 'linux'),
    null,
    'modifiers alone: not yet',
  );
});

test('labels as each platform writes them', () => {
  assert.equal(acceleratorLabel('CommandOrControl+Alt+Right', 'darwin'), '⌘⌥→');
  assert.equal(acceleratorLabel('CommandOrControl+Alt+Right', 'win32'), 'Ctrl+Alt+→');
  assert.equal(acceleratorLabel('CommandOrControl+Shift+M', 'linux'), 'Ctrl+Shift+M');
});
