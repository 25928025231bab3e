// Is the ingest taking connections again? While a destination waits out its backoff after "connection
// refused", a plain TCP connect every half second notices the server coming back long before the next retry
// is due (a retry costs an ffmpeg start; a connect costs nothing).
import net from 'node:net';

export type IngestProbe = (url: string) => Promise<boolean>;

const CONNECT_TIMEOUT_MS = 1_000;

export const tcpIngestProbe: IngestProbe = (url) =>
  new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const port = Number(target.port) || (target.protocol === 'rtmps:' ? 443 : 1935);
    const socket = net.connect({ host: target.hostname, port, timeout: CONNECT_TIMEOUT_MS });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
