// `livecart serve`: the browser studio on this machine (and the fallback of `npm start` without Electron).
import { startWebHost } from '../host/web-host.ts';
import type { Locale } from '../protocol/messages.ts';
import { openStudio } from '../studio.ts';

export async function serveCommand(
  opts: { dataDir: string; host: string; port: number },
  locale: Locale,
): Promise<void> {
  const studio = await openStudio({ dataDir: opts.dataDir });
  const host = await startWebHost(studio, { host: opts.host, port: opts.port });
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
