// `livecart serve`: the browser studio on this machine (and the fallback of `npm start` without Electron).
import { attachLan } from '../host/lan-host.ts';
import { attachOverlayPage } from '../host/overlay-host.ts';
import { startWebHost } from '../host/web-host.ts';
import type { AccessState } from '../protocol/access-schemas.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { openStudio } from '../studio.ts';

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Where assistant access listens while it is switched on. */
  lan: { host: string; port: number };
  /** Where the OBS overlay page listens (loopback) once it is set up. */
  overlayPort: number;
}

export async function serveCommand(opts: ServeOptions, locale: Locale): Promise<void> {
  const studio = await openStudio({ dataDir: opts.dataDir });
  const host = await startWebHost(studio, { host: opts.host, port: opts.port });
  await attachLan(studio, { host: opts.lan.host, port: opts.lan.port });
  await attachOverlayPage(studio, { port: opts.overlayPort });
  const zh = locale === 'zh-CN';
  // The URL carries the token in its fragment, which browsers never send to a server or put in a Referer.
  console.log(`${zh ? 'LiveCart Studio 已启动，请在浏览器中打开' : 'LiveCart Studio is running. Open'} ${host.url}`);
  console.log(`${zh ? '数据目录' : 'Data directory'}: ${studio.dataDir}`);
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
    console.log(
      zh
        ? '注意：已在局域网上监听，凭链接中的令牌才能访问。'
        : 'Note: listening beyond this machine; the token in the link is required.',
    );
  }
  const lanNote = accessNote(studio.access.state(), locale);
  if (lanNote) console.log(lanNote);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await studio.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** What the terminal says about assistant access at start: where it listens, or why it does not. Never a token. */
export function accessNote(state: AccessState, locale: Locale): string | null {
  if (!state.enabled) return null;
  const zh = locale === 'zh-CN';
  if (state.problem) return `${zh ? '助理访问' : 'Assistant access'}: ${messageFor(state.problem, locale)}`;
  return zh
    ? `助理访问已开启，局域网地址：${state.urls.join('  ')}（在“设置 → 助理访问”中配对设备）`
    : `Assistant access is on at ${state.urls.join('  ')} (pair devices in Settings → Assistant access)`;
}
