// What a host (or the `livecart stream` command) may ask of the engine, checked before anything is spawned:
// sizes, rates and destination URLs. Pure, so every refusal is tested; URLs are shown masked, never whole.

export interface StreamSize {
  width: number;
  height: number;
}

/** `1280x720`, `1080×1920` → even dimensions H.264 can encode, within what platforms take. */
export function parseSize(text: string): StreamSize | null {
  const m = /^\s*(\d{2,4})\s*[x×]\s*(\d{2,4})\s*$/i.exec(text);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const ok = (n: number) => n >= 16 && n <= 4096 && n % 2 === 0;
  return ok(width) && ok(height) ? { width, height } : null;
}

/** `2500k`, `2.5M`, `2500` (kbit/s) → kbit/s, 100…50,000. */
export function parseBitrateKbps(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*(?:bps|b\/s)?\s*$/.exec(text);
  if (!m) return null;
  const kbps = Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1000 : 1));
  return kbps >= 100 && kbps <= 50_000 ? kbps : null;
}

export function parseFps(text: string): number | null {
  const fps = Number(text);
  return Number.isInteger(fps) && fps >= 1 && fps <= 60 ? fps : null;
}

/** An ingest URL: rtmp:// or rtmps://, a host, and an application path (the key is usually its last part). */
export function parseIngestUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'rtmp:' && url.protocol !== 'rtmps:') return null;
    if (!url.hostname || url.pathname.replace(/\//g, '') === '') return null;
    return url;
  } catch {
    return null;
  }
}

/** The address with any `user:password@` taken out (an older version kept them, in clear). */
export function withoutCredentials(text: string): string {
  const url = parseIngestUrl(text);
  if (!url || (!url.username && !url.password)) return text;
  url.username = '';
  url.password = '';
  return url.toString();
}

/**
 * How a destination is shown in logs, errors and the UI: scheme, host and application, the stream key hidden.
 * `rtmp://live-push.example.com/live/abc123?auth=x` → `rtmp://live-push.example.com/live/••••`.
 */
export function maskIngestUrl(text: string): string {
  const url = parseIngestUrl(text);
  if (!url) return '••••';
  const parts = url.pathname.split('/').filter(Boolean);
  const app = parts.length > 1 ? `/${parts.slice(0, -1).join('/')}` : '';
  return `${url.protocol}//${url.host}${app}/••••`;
}
