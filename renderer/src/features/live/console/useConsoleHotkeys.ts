// The console's keys, for the assistant's keyboard and the host's presentation clicker (which sends
// PageDown/PageUp): next/previous product, stop, and "3 Enter" for 3号链接. Never while typing in a field or
// with a dialog open. F shows the full-screen cue card, ? the legend, O jumps to 快速录单 ("3 O": for 3号链接).
import { useEffect, useRef, useState } from 'react';
import { isTypingTarget, useWindowKeydown } from '../../../ui/keys.ts';

/** Digits typed without Enter are forgotten after this long, so a stray key cannot fire minutes later. */
const DIGITS_TIMEOUT_MS = 4000;

export interface ConsoleHotkeyHandlers {
  step(direction: 'next' | 'previous'): void;
  stop(): void;
  explainLink(linkNo: number): void;
  toggleCue(): void;
  toggleLegend(): void;
  closeOverlays(): boolean;
  /** O: focus the quick order entry, for `linkNo` when digits were typed first; false when there is none. */
  focusOrderEntry(linkNo: number | null): boolean;
}

function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** Returns the link number being typed (shown on screen until Enter), or '' when none. */
export function useConsoleHotkeys(handlers: ConsoleHotkeyHandlers): string {
  // Kept in a ref as well as state: keys can arrive faster than React renders ("3" then Enter at once).
  const buffer = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [shown, setShown] = useState('');

  function setDigits(next: string): void {
    buffer.current = next;
    setShown(next);
    clearTimeout(timer.current);
    if (next) timer.current = setTimeout(() => setDigits(''), DIGITS_TIMEOUT_MS);
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  useWindowKeydown((event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target) || dialogOpen()) return;
    const { key } = event;
    const digits = buffer.current;
    if (/^[0-9]$/.test(key)) {
      event.preventDefault();
      // Three digits at most: a bag holds up to 500.
      setDigits((digits + key).replace(/^0+/, '').slice(-3));
      return;
    }
    if (digits && key === 'Enter') {
      event.preventDefault();
      setDigits('');
      handlers.explainLink(Number(digits));
      return;
    }
    if ((key === 'o' || key === 'O') && !event.repeat) {
      // Handled before focus moves, and default prevented, so the "o" is never typed into the field.
      if (handlers.focusOrderEntry(digits ? Number(digits) : null)) {
        event.preventDefault();
        setDigits('');
      }
      return;
    }
    if (digits && key === 'Backspace') {
      event.preventDefault();
      setDigits(digits.slice(0, -1));
      return;
    }
    if (key === 'Escape') {
      if (digits) {
        event.preventDefault();
        setDigits('');
      } else if (handlers.closeOverlays()) {
        event.preventDefault();
      }
      return;
    }
    const action: Record<string, (() => void) | undefined> = {
      PageDown: () => handlers.step('next'),
      ']': () => handlers.step('next'),
      PageUp: () => handlers.step('previous'),
      '[': () => handlers.step('previous'),
      '.': () => handlers.stop(),
      f: () => handlers.toggleCue(),
      F: () => handlers.toggleCue(),
      '?': () => handlers.toggleLegend(),
    };
    const run = action[key];
    if (!run || event.repeat) return;
    event.preventDefault();
    run();
  });

  return shown;
}
