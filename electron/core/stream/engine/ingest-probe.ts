// Is the ingest taking connections again? While a destination waits out its backoff after "connection
// refused", a plain TCP connect every half second notices the server coming back long before the next retry
// is due (a retry costs a whole RTMP handshake; a connect costs nothing).
import net from 'node:net';
import type { RtmpTarget } from '../rtmp/rtmp-target.ts';

export type IngestProbe = (target: Pick<RtmpTarget, 'host' | 'port'>) => Promise<boolean>;

const CONNECT_TIMEOUT_MS = 1_000;

export const tcpIngestProbe: IngestProbe = ({ host, port }) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: CONNECT_TIMEOUT_MS });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
