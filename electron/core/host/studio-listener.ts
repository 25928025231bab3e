// One listener of the web host: the built renderer over HTTP and the studio protocol over WebSocket at /ws,
// behind a token. The host's own listener (127.0.0.1, the per-launch token) and the LAN listener for
// assistants (paired-device tokens) are both this; they differ in where they bind and in `resolvePrincipal`.
//
// Before anything else every request must be addressed to this studio (Host) and come from its own pages
// (Origin). The WebSocket's token rides in the upgrade (a subprotocol), so it is checked before a single frame
// is read: an unauthenticated client never gets to send a message, big or small.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CLOSE_TOO_MANY_TRIES,
  CLOSE_UNAUTHORIZED,
  WS_PROTOCOL,
  WS_PROTOCOL_BATCHED,
  WS_TOKEN_PREFIX,
} from '../protocol/bridge.ts';
import { PROTOCOL_VERSION } from '../protocol/contract.ts';
import { MAX_MESSAGE_BYTES } from '../protocol/limits.ts';
import type { Channel, Principal, StudioServer } from '../rpc/server.ts';
import { wsChannel } from '../rpc/ws-transport.ts';
import { APP_VERSION } from '../system/app-version.ts';
import { allowedHost } from './allowed-host.ts';
import { AuthGate } from './auth-guard.ts';
import { RENDERER_HEADERS } from './renderer-policy.ts';
import { serveStatic } from './static-files.ts';
import { serveMedia } from './media-files.ts';
import { MEDIA_PATH } from '../media/media-tickets.ts';
import { ORDERS_API_PATH, serveOrdersApi } from './orders-api.ts';

export const DEFAULT_RENDERER_DIR = path.resolve(fileURLToPath(new URL('../../../dist/renderer', import.meta.url)));

/** Request lines and headers: a token and a browser's usual headers fit easily. */
const MAX_HEADER_BYTES = 16 * 1024;

/** A page on another site must not drive the studio through the user's browser. */
export function sameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader) return true; // non-browser clients (CLI tools, tests) send no Origin
  try {
    return new URL(originHeader).host === hostHeader;
  } catch {
    return false;
  }
}

/** The token a client offered among its WebSocket subprotocols, if any. */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  for (const offered of (header ?? '').split(',')) {
    const name = offered.trim();
    if (name.startsWith(WS_TOKEN_PREFIX)) return name.slice(WS_TOKEN_PREFIX.length);
  }
  return undefined;
}

export interface ListenerOptions {
  host: string;
  port: number;
  rendererDir: string;
  /** Whom a token opens the studio to, or null to refuse it. */
  resolvePrincipal(token: unknown): Principal | null;
  /** Slows and bounds wrong tokens per address; pass one in to keep its memory across restarts. */
  gate?: AuthGate;
  /** The file a media URL (`/media/<ticket>`) opens, or null; without it no media is served (the LAN listener). */
  media?(urlPath: string): string | null;
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

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function listen(server: StudioServer, options: ListenerOptions): Promise<Listener> {
  const gate = options.gate ?? new AuthGate();
  const authenticated = new Map<WebSocket, Principal>();
  let port = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Sockets of wrong tokens waiting for their answer. */
  const waiting = new Set<Duplex>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const httpServer = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if (!allowedHost(req.headers.host, port)) {
      res.writeHead(421, { ...RENDERER_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('This studio is not served under that name.\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') {
      res.writeHead(200, { ...RENDERER_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, app: 'livecart-studio', version: APP_VERSION, protocol: PROTOCOL_VERSION }));
      return;
    }
    if (url.pathname === ORDERS_API_PATH) {
      if (!sameOrigin(req.headers.origin, req.headers.host)) {
        res.writeHead(403, RENDERER_HEADERS).end();
        return;
      }
      const address = req.socket.remoteAddress ?? '?';
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
    if (options.media && url.pathname.startsWith(MEDIA_PATH)) {
      serveMedia(options.media(url.pathname), req, res).catch((error: unknown) => {
        console.error('[host] serving media failed:', (error as Error).message);
        if (!res.headersSent) res.writeHead(500, RENDERER_HEADERS).end();
        else res.destroy();
      });
      return;
    }
    serveStatic(options.rendererDir, url.pathname, res, req.method === 'HEAD').catch((error: unknown) => {
      console.error('[host] serving a file failed:', (error as Error).message);
      if (!res.headersSent) res.writeHead(500, RENDERER_HEADERS).end();
      else res.destroy();
    });
  });

  // Authenticated connections: messages up to the largest real payload (a slice of an upload), refused before
  // parsing beyond that. Refusals: the socket only carries a close code to the page, so it reads next to nothing.
  const pickProtocol = (offered: Set<string>) =>
    offered.has(WS_PROTOCOL_BATCHED) ? WS_PROTOCOL_BATCHED : offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols: pickProtocol });
  const refusals = new WebSocketServer({ noServer: true, maxPayload: 128, handleProtocols: pickProtocol });

  httpServer.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (!allowedHost(req.headers.host, port)) return refuseUpgrade(socket, '421 Misdirected Request');
    if (pathname !== '/ws' || !sameOrigin(req.headers.origin, req.headers.host)) {
      return refuseUpgrade(socket, '403 Forbidden');
    }
    const address = req.socket.remoteAddress ?? '?';
    const verdict = gate.check(address, tokenFromProtocols(req.headers['sec-websocket-protocol']), resolve);
    const close = (code: number, reason: string) =>
      refusals.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => ws.terminate());
        ws.close(code, reason);
      });
    if (verdict.kind === 'busy') return close(CLOSE_TOO_MANY_TRIES, 'too many tries');
    if (verdict.kind === 'refuse') {
      // Nothing is read from the socket while it waits: a client piping data meanwhile fills only TCP buffers.
      waiting.add(socket);
      later(verdict.delayMs, () => {
        verdict.release();
        waiting.delete(socket);
        if (socket.destroyed) return;
        close(CLOSE_UNAUTHORIZED, 'unauthorized');
      });
      return;
    }
    const { principal } = verdict;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A message over the limit (or a broken frame) ends this connection with its close code; nothing else.
      ws.on('error', () => ws.terminate());
      const channel = wsChannel(ws);
      server.connect(channel, principal);
      authenticated.set(ws, principal);
      ws.once('close', () => authenticated.delete(ws));
      options.onConnect?.(principal, channel);
    });
  });

  /** The API's token check: the same gate as the WebSocket. */
  async function authorizeBearer(token: string | undefined, address: string): Promise<Principal | 'busy' | null> {
    const verdict = gate.check(address, token, resolve);
    if (verdict.kind === 'admit') return verdict.principal;
    if (verdict.kind === 'busy') return 'busy';
    await new Promise<void>((done) => later(verdict.delayMs, done));
    verdict.release();
    return null;
  }

  function resolve(given: unknown): Principal | null {
    if (typeof given !== 'string' || given === '') return null;
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
  port = (httpServer.address() as AddressInfo).port;
  httpServer.on('error', (error) => console.error('[host] listener error:', error.message));
  httpServer.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  return {
    port,
    closeWhere(match, code, reason) {
      for (const [ws, principal] of authenticated) if (match(principal)) ws.close(code, reason);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of waiting) socket.destroy();
      waiting.clear();
      for (const client of wss.clients) client.terminate();
      for (const client of refusals.clients) client.terminate();
      wss.close();
      refusals.close();
      const closed = new Promise<void>((resolveClose) => httpServer.close(() => resolveClose()));
      // Keep-alive connections of a browser that loaded the page would otherwise hold the port open.
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
