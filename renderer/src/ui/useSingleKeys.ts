// A screen's single-key shortcuts (`/`, `N`): a bare key, never while the user types into a field or a dialog is
// open. Keys are named as `event.key` in lower case, so `N` and `n` are one shortcut.
import { isTypingTarget, useWindowKeydown } from './keys.ts';

export function useSingleKeys(blocked: boolean, keys: Readonly<Record<string, () => void>>): void {
  useWindowKeydown((event) => {
    if (blocked || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    const key = event.key.toLowerCase();
    const action = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (!action) return;
    event.preventDefault();
    action();
  });
}
