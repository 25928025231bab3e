// Times as the live room shows them: the session clock, countdowns, and local dates with the weekday.
import type { Locale } from '../../i18n/index.ts';
import { dateFormat } from '../../i18n/dates.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The header's session clock: always hh:mm:ss, so the digits never jump as the show passes an hour. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** A point on the session clock in the timeline: mm:ss, or h:mm:ss once past the first hour. */
export function clockShort(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

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
