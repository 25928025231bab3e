// One listener of the web host: the built renderer over HTTP and the studio protocol over WebSocket at /ws,
// behind a token. The host's own listener (127.0.0.1, the per-launch token) and the LAN listener for
// assistants (paired-device tokens) are both this; they differ in where they bind and in `resolvePrincipal`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_UNAUTHORIZED, type AuthReply } from '../protocol/bridge.ts';
import { PROTOCOL_VERSION } from '../protocol/contract.ts';
import type { Channel, Principal, StudioServer } from '../protocol/server.ts';
import { wsChannel } from '../protocol/ws-transport.ts';
import { APP_VERSION } from '../system/app-version.ts';
import { FailureThrottle } from './auth-guard.ts';
import { RENDERER_HEADERS } from './renderer-policy.ts';
import { serveStatic } from './static-files.ts';
import { ORDERS_API_PATH, serveOrdersApi } from './orders-api.ts';

export const DEFAULT_RENDERER_DIR = path.resolve(fileURLToPath(new URL('../../../dist/renderer', import.meta.url)));

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

export interface ListenerOptions {
  host: string;
  port: number;
  rendererDir: string;
  /** Whom a token opens the studio to, or null to refuse it. Runs after the throttle's delay. */
  resolvePrincipal(token: unknown): Principal | null;
  /** Slows repeated wrong tokens per address; pass one in to keep its memory across restarts. */
  throttle?: FailureThrottle;
  /** After a connection is authenticated and attached to the server. */
  onConnect?(principal: Principal, channel: Channel): void;
}

export interface Listener {
  port: number;
  /** Closes the sockets of matching connections with `code` (4401 makes a page forget its token). */
  closeWhere(match: (principal: Principal) => boolean, code: number, reason: string): void;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

export async function listen(server: StudioServer, options: ListenerOptions): Promise<Listener> {
  const throttle = options.throttle ?? new FailureThrottle();
  const authenticated = new Map<WebSocket, Principal>();

  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') {
      res.writeHead(200, { ...RENDERER_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, app: 'livecart-studio', version: APP_VERSION, protocol: PROTOCOL_VERSION }));
      return;
    }
    if (url.pathname === ORDERS_API_PATH) {
      const address = req.socket.remoteAddress ?? '?';
      if (!sameOrigin(req.headers.origin, req.headers.host)) {
        res.writeHead(403, RENDERER_HEADERS).end();
        return;
      }
      serveOrdersApi(req, res, server, (token) => authorizeBearer(token, address)).catch((error: unknown) => {
        console.error('[host] order API failed:', (error as Error).message);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, RENDERER_HEADERS).end();
      return;
    }
    serveStatic(options.rendererDir, url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  httpServer.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== '/ws' || !sameOrigin(req.headers.origin, req.headers.host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => authenticate(ws, req.socket.remoteAddress ?? '?'));
  });

  function authenticate(ws: WebSocket, address: string): void {
    const timer = setTimeout(() => ws.close(CLOSE_UNAUTHORIZED, 'no token'), AUTH_TIMEOUT_MS);
    ws.once('close', () => clearTimeout(timer));
    // Requests a client pipelines right behind its token wait here until the token is checked.
    const early: Parameters<typeof ws.emit>[1][] = [];
    const collect = (data: unknown) => early.push(data);
    ws.once('message', (data) => {
      clearTimeout(timer);
      ws.on('message', collect);
      const given = tokenIn(data.toString());
      setTimeout(() => {
        // Gone while it waited (or the listener closed): nothing to answer.
        if (ws.readyState !== ws.OPEN) return;
        const principal = resolve(given);
        if (!principal) {
          throttle.fail(address);
          ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        const reply: AuthReply = { type: 'auth', ok: true };
        ws.send(JSON.stringify(reply));
        ws.off('message', collect);
        const channel = wsChannel(ws);
        server.connect(channel, principal);
        authenticated.set(ws, principal);
        ws.once('close', () => authenticated.delete(ws));
        options.onConnect?.(principal, channel);
        for (const data of early) ws.emit('message', data, false);
      }, throttle.delayFor(address));
    });
  }

  /** The API's token check: the same principals and the same slowing of wrong tokens as the WebSocket. */
  async function authorizeBearer(token: string | undefined, address: string): Promise<Principal | null> {
    const delay = throttle.delayFor(address);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const principal = token === undefined ? null : resolve(token);
    if (!principal) throttle.fail(address);
    return principal;
  }

  function resolve(given: unknown): Principal | null {
    try {
      return options.resolvePrincipal(given);
    } catch (error) {
      // Never log what was given: it may be a real token with a typo.
      console.error('[host] checking a token failed:', (error as Error).message);
      return null;
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolveListen();
    });
  });
  httpServer.on('error', (error) => console.error('[host] listener error:', error.message));

  return {
    port: (httpServer.address() as AddressInfo).port,
    closeWhere(match, code, reason) {
      for (const [ws, principal] of authenticated) if (match(principal)) ws.close(code, reason);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolveClose) => httpServer.close(() => resolveClose()));
      // Keep-alive connections of a browser that loaded the page would otherwise hold the port open.
      httpServer.closeAllConnections();
      await closed;
    },
  };
}

function tokenIn(text: string): unknown {
  try {
    const message = JSON.parse(text) as { type?: unknown; token?: unknown };
    return message.type === 'auth' ? message.token : undefined;
  } catch {
    return undefined;
  }
}
