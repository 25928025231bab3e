// The desktop app's global hotkeys as settings (host only: `settings.` is refused to assistants). The studio keeps
// the bindings; the Electron shell reads them, registers them with the system and reports which ones another app
// already holds, so the settings screen can say so. A browser window has no global hotkeys: `shell` stays null.
import { z } from 'zod';
import { HOTKEY_ACTIONS, type HotkeyBindings } from './hotkeys.ts';

const accelerator = z.string().trim().min(1).max(64).nullable();
export const hotkeyBindingsSchema = z.strictObject(
  Object.fromEntries(HOTKEY_ACTIONS.map((action) => [action, accelerator])) as Record<
    keyof HotkeyBindings,
    typeof accelerator
  >,
);
const actions = z.array(z.enum(HOTKEY_ACTIONS)).max(HOTKEY_ACTIONS.length);

export const hotkeyStateSchema = z.object({
  bindings: hotkeyBindingsSchema,
  platform: z.enum(['darwin', 'win32', 'linux']),
  /** What the desktop app last reported: registered, and taken by another app (not registered). Null: no desktop app. */
  shell: z.object({ registered: actions, taken: actions }).nullable(),
});
export type HotkeyState = z.infer<typeof hotkeyStateSchema>;

export const hotkeyMethods = {
  'settings.hotkeys': { params: z.strictObject({}), result: hotkeyStateSchema },
  /** Refused (`invalid`, an issue per binding: hotkey_invalid, _needs_modifier, _duplicate, _reserved) when any is bad. */
  'settings.saveHotkeys': { params: z.strictObject({ bindings: hotkeyBindingsSchema }), result: hotkeyStateSchema },
  /** From the desktop shell after registering: which bindings it holds and which another app has. */
  'settings.reportHotkeys': {
    params: z.strictObject({ registered: actions, taken: actions }),
    result: hotkeyStateSchema,
  },
} as const;

export interface HotkeyEvents {
  'settings.hotkeysChanged': { state: HotkeyState };
}
