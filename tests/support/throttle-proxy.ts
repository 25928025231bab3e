// A slow line on loopback: a TCP proxy in front of an ingest that passes what the client sends at no more than
// `kbps` (what the server sends back goes through at once). Pacing pauses the client's socket, so the client sees a
// slow line through TCP's own back-pressure, as it would see a thin upload. Loopback only.
import net from 'node:net';

export interface ThrottleProxy {
  readonly port: number;
  /** Bytes passed on to the server so far, over every connection. */
  readonly forwarded: number;
  close(): Promise<void>;
}

export async function startThrottleProxy(targetPort: number, kbps: number): Promise<ThrottleProxy> {
  const bytesPerMs = (kbps * 1000) / 8 / 1000;
  const sockets = new Set<net.Socket>();
  let forwarded = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    sockets.add(client).add(upstream);
    const started = Date.now();
    let sent = 0;
    let timer: NodeJS.Timeout | null = null;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      sent += chunk.length;
      forwarded += chunk.length;
      const ahead = sent / bytesPerMs - (Date.now() - started);
      if (ahead > 0 && !timer) {
        client.pause();
        timer = setTimeout(() => {
          timer = null;
          client.resume();
        }, ahead);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      if (timer) clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get forwarded() {
      return forwarded;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
