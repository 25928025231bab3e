// Shared pieces of the `livecart` command: options every command takes, the user's language, exit codes.
import { defaultDataDir } from '../system/data-dir.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../protocol/jobs-schemas.ts';
import { pickLocale, type Locale } from '../protocol/messages.ts';

/** The user's language's wording of a CLI sentence. */
export const say = (locale: Locale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  if (env.LIVECART_LANG) return pickLocale(env.LIVECART_LANG);
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale);
}

export function resolveDataDir(flag: string | undefined): string {
  return flag ? flag : defaultDataDir();
}

export class UsageError extends Error {}

/** A TCP port flag: absent → `fallback`; 0 lets the system pick (tests). */
export function parsePort(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag} must be 0–65535, got ${value}`);
  return port;
}

/** `YYYY-MM-DD` → local midnight of that day (epoch ms); `dayAfter` gives the next midnight (an inclusive end). */
export function parseDay(flag: string, value: string, locale: Locale, dayAfter: boolean): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])] : [0, 0, 0];
  const date = new Date(y, mo, d + (dayAfter ? 1 : 0));
  // A date that rolls over (2026-02-30) is not the day the seller meant.
  const check = new Date(y, mo, d);
  if (!m || check.getFullYear() !== y || check.getMonth() !== mo || check.getDate() !== d) {
    throw new UsageError(
      say(
        locale,
        `${flag} 应为 YYYY-MM-DD 格式的日期，收到 ${value}`,
        `${flag} must be a date YYYY-MM-DD, got ${value}`,
      ),
    );
  }
  return date.getTime();
}

/** `--format csv|xlsx`; without it, what `--out`'s name says (a `.xlsx` file is a workbook), else CSV. */
export function parseExportFormat(flag: string | undefined, out: string | undefined, locale: Locale): ExportFormat {
  if (flag === undefined) return out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  const given = flag.trim().toLowerCase();
  const format = EXPORT_FORMATS.find((f) => f === given);
  if (format) return format;
  throw new UsageError(
    say(locale, `--format 应为 csv 或 xlsx，收到 ${flag}`, `--format must be csv or xlsx, got ${flag}`),
  );
}
