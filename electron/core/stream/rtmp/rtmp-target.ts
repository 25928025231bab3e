// Where a publisher connects and what it asks for: from the server address the host typed (`rtmp://host/app`) and
// the stream key kept apart from it. The key never becomes part of a URL the studio prints, logs or passes to
// another process: it goes out only inside the RTMP commands, on the connection to that server.

export interface RtmpTarget {
  secure: boolean;
  /** Without IPv6 brackets, as `net.connect` wants it. */
  host: string;
  port: number;
  /** The application, e.g. `live` or `trtc_123/live`; may carry the address's own query. */
  app: string;
  /** The stream name the server is asked to publish: the key, query string (`?txSecret=…`) included. */
  name: string;
  /** `rtmp://host:1935/app`, the port always written (as FFmpeg does). */
  tcUrl: string;
}

export const DEFAULT_PORTS = { 'rtmp:': 1935, 'rtmps:': 443 } as const;

/** The target, or null when the address is not an rtmp(s) URL with a host and an application. */
export function rtmpTarget(serverUrl: string, key: string): RtmpTarget | null {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'rtmp:' && url.protocol !== 'rtmps:') return null;
  if (!url.hostname || url.username || url.password) return null;
  const app = url.pathname.replace(/^\/+|\/+$/g, '') + url.search;
  if (!app) return null;
  const name = key.trim().replace(/^\/+/, '');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    secure: url.protocol === 'rtmps:',
    host,
    port,
    app,
    name,
    tcUrl: `${url.protocol}//${shownHost}:${port}/${app}`,
  };
}
