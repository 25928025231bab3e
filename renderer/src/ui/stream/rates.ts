// Rates and sizes as the stream's screens write them (decimal units, as platforms quote bitrates).

/** `2,480 kbps`. */
export function kbpsText(locale: string, kbps: number): string {
  return `${Math.round(kbps).toLocaleString(locale)} kbps`;
}

/** `12.3 MB` sent (decimal units, as platforms quote bitrates). */
export function bytesText(locale: string, bytes: number): string {
  if (bytes < 1e6) return `${Math.round(bytes / 1e3).toLocaleString(locale)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  return `${(bytes / 1e9).toLocaleString(locale, { maximumFractionDigits: 2 })} GB`;
}
