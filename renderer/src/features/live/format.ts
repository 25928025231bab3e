// Times as the live room shows them: countdowns and local dates with the weekday (the show's clock: ui/clock.ts).
import type { Locale } from '../../i18n/index.ts';
import { dateFormat } from '../../i18n/dates.ts';
import { clock, pad } from '../../ui/clock.ts';

/** Splits a wait into whole days and the hh:mm:ss after them (counted up to the next second). */
export function countdownParts(ms: number): { days: number; time: string } {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return { days: Math.floor(s / 86400), time: clock((s % 86400) * 1000) };
}

/** `2025年6月1日星期日 20:00` / `Sunday, June 1, 2025 at 20:00`, in the viewer's own time zone. */
export function dateTimeWithWeekday(locale: Locale, ms: number): string {
  const options = {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  } as const;
  return dateFormat(locale, options).format(ms);
}

/** The value a `datetime-local` input shows for an instant (local time, to the minute). */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a `datetime-local` value means in this device's time zone; null when empty or unreadable. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const ms = new Date(y, mo - 1, d, h, mi).getTime();
  return Number.isFinite(ms) ? ms : null;
}
