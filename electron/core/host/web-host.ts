// The web host: the built renderer over HTTP and the studio protocol over WebSocket, behind a per-launch
// token. This listener is the host's alone (127.0.0.1 by default); assistants come in through lan-host.ts.
import type { Principal } from '../rpc/server.ts';
import type { Studio } from '../studio.ts';
import { newToken, tokensMatch } from './auth-guard.ts';
import { DEFAULT_RENDERER_DIR, listen } from './studio-listener.ts';

export { DEFAULT_RENDERER_DIR, sameOrigin } from './studio-listener.ts';

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

const HOST: Principal = { role: 'host' };

export async function startWebHost(
  studio: Pick<Studio, 'server'> & Partial<Pick<Studio, 'media'>>,
  options: WebHostOptions = {},
): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const listener = await listen(studio.server, {
    host,
    port: options.port ?? 0,
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    resolvePrincipal: (given) => (tokensMatch(token, given) ? HOST : null),
    // Only the host's own listener plays clips; the LAN listener has no media at all.
    media: studio.media ? (urlPath) => studio.media?.openPath(urlPath) ?? null : undefined,
  });
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${listener.port}/#token=${token}`,
    port: listener.port,
    token,
    close: () => listener.close(),
  };
}
