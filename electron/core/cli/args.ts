// Shared pieces of the `livecart` command: options every command takes, the user's language, exit codes.
import { defaultDataDir } from '../system/data-dir.ts';
import { pickLocale, type Locale } from '../protocol/messages.ts';

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
