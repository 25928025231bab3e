// Which bindings the shell hands to the system, and what it reports back: pure, so the rules are tested without
// Electron. Bindings the core would refuse are never registered (they cannot be saved anyway: an older set, or one
// edited by hand); a registration the system turns down means another app holds those keys.
import {
  HOTKEY_ACTIONS,
  hotkeyProblems,
  type HotkeyAction,
  type HotkeyBindings,
  type Platform,
} from '../core/protocol/hotkeys.ts';

export interface Registration {
  action: HotkeyAction;
  accelerator: string;
}

export function registrationPlan(bindings: HotkeyBindings, platform: Platform): Registration[] {
  const bad = new Set(hotkeyProblems(bindings, platform).map((p) => p.action));
  return HOTKEY_ACTIONS.flatMap((action) => {
    const accelerator = bindings[action];
    return accelerator === null || bad.has(action) ? [] : [{ action, accelerator }];
  });
}

/** `accepted[i]`: whether the system took plan[i]. */
export function registrationReport(
  plan: readonly Registration[],
  accepted: readonly boolean[],
): { registered: HotkeyAction[]; taken: HotkeyAction[] } {
  return {
    registered: plan.filter((_, i) => accepted[i]).map((r) => r.action),
    taken: plan.filter((_, i) => !accepted[i]).map((r) => r.action),
  };
}
