// The web host: the built renderer over HTTP and the studio protocol over WebSocket, behind a per-launch token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_UNAUTHORIZED, type AuthReply } from '../protocol/bridge.ts';
import { PROTOCOL_VERSION } from '../protocol/contract.ts';
import { wsChannel } from '../protocol/ws-transport.ts';
import type { Studio } from '../studio.ts';
import { APP_VERSION } from '../system/app-version.ts';
import { FailureThrottle, newToken, tokensMatch } from './auth-guard.ts';
import { RENDERER_HEADERS } from './renderer-policy.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_RENDERER_DIR = path.resolve(fileURLToPath(new URL('../../../dist/renderer', import.meta.url)));

export interface WebHostOptions {
  host?: string;
  port?: number;
  token?: string;
  rendererDir?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const AUTH_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

/** A page on another site must not drive the studio through the user's browser. */
export function sameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader) return true; // non-browser clients (CLI tools, tests) send no Origin
  try {
    return new URL(originHeader).host === hostHeader;
  } catch {
    return false;
  }
}

export async function startWebHost(studio: Studio, options: WebHostOptions = {}): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const throttle = new FailureThrottle();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') {
      res.writeHead(200, { ...RENDERER_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, app: 'livecart-studio', version: APP_VERSION, protocol: PROTOCOL_VERSION }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, RENDERER_HEADERS).end();
      return;
    }
    serveStatic(rendererDir, url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== '/ws' || !sameOrigin(req.headers.origin, req.headers.host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => authenticate(ws, req.socket.remoteAddress ?? '?'));
  });

  function authenticate(ws: WebSocket, address: string): void {
    const timer = setTimeout(() => ws.close(CLOSE_UNAUTHORIZED, 'no token'), AUTH_TIMEOUT_MS);
    // Requests a client pipelines right behind its token wait here until the token is checked.
    const early: Parameters<typeof ws.emit>[1][] = [];
    const collect = (data: unknown) => early.push(data);
    ws.once('message', (data) => {
      clearTimeout(timer);
      ws.on('message', collect);
      let given: unknown;
      try {
        const msg = JSON.parse(data.toString()) as { type?: unknown; token?: unknown };
        given = msg.type === 'auth' ? msg.token : undefined;
      } catch {
        given = undefined;
      }
      const delay = throttle.delayFor(address);
      setTimeout(() => {
        if (!tokensMatch(token, given)) {
          throttle.fail(address);
          ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        const reply: AuthReply = { type: 'auth', ok: true };
        ws.send(JSON.stringify(reply));
        ws.off('message', collect);
        studio.server.connect(wsChannel(ws));
        for (const data of early) ws.emit('message', data, false);
      }, delay);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
