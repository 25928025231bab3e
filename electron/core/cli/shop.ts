// `livecart shop connect|sync|status|disconnect`: the 微信小店 connection without a window. The AppSecret comes
// from stdin or LIVECART_WXSHOP_SECRET, never from the command line (where `ps` and shell history would keep it).
import { StudioError } from '../protocol/errors.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { APP_ID, type ShopStatus } from '../protocol/shop-schemas.ts';
import type { SyncOutcome } from '../shop/shop-store.ts';
import { openStudio, type Studio } from '../studio.ts';
import { EXIT_FAILED, EXIT_OK, parseDay, say, UsageError } from './args.ts';

export interface ShopFlags {
  appId?: string;
  products?: boolean;
  orders?: boolean;
  since?: string;
  json?: boolean;
}

async function readSecret(locale: Locale): Promise<string> {
  const fromEnv = process.env.LIVECART_WXSHOP_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write(say(locale, 'AppSecret：', 'AppSecret: '));
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const secret = text.split(/\r?\n/)[0]!.trim();
  if (!secret) {
    throw new UsageError(
      say(
        locale,
        'AppSecret 从标准输入或 LIVECART_WXSHOP_SECRET 读取',
        'give the AppSecret on stdin or in LIVECART_WXSHOP_SECRET',
      ),
    );
  }
  return secret;
}

const when = (ms: number | null, locale: Locale) =>
  ms === null ? say(locale, '从未', 'never') : new Date(ms).toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-GB');

function describeOutcome(outcome: SyncOutcome | null, locale: Locale): string {
  if (!outcome) return '';
  if (!outcome.ok && outcome.error) return messageFor(outcome.error.code, locale, outcome.error.params);
  const counts = Object.entries(outcome.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const skipped = (outcome.skipped ?? []).map((s) => `\n    ${s.id}: ${messageFor(s.code, locale, s.params)}`).join('');
  return counts + skipped;
}

export function formatShopStatus(status: ShopStatus, locale: Locale): string {
  if (!status.connected) return say(locale, '未连接微信小店', 'No WeChat Shop connected');
  const lines = [
    `${say(locale, '微信小店', 'WeChat Shop')}: ${status.appId} (${say(locale, '连接于', 'connected')} ${when(status.connectedAt, locale)})`,
  ];
  if (status.secretUnavailable) lines.push(messageFor('shop_secret_unavailable', locale));
  for (const kind of ['products', 'orders'] as const) {
    const s = status[kind];
    const name = kind === 'products' ? say(locale, '商品', 'products') : say(locale, '订单', 'orders');
    lines.push(
      `  ${name}: ${say(locale, '上次同步', 'last sync')} ${when(s.finishedAt, locale)} ${describeOutcome(s.outcome, locale)}`,
    );
  }
  return lines.join('\n');
}

async function withStudio<T>(dataDir: string, work: (studio: Studio) => Promise<T>): Promise<T> {
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    return await work(studio);
  } finally {
    await studio.close();
  }
}

/** A refusal said in the user's language; anything else goes up. */
function explain(error: unknown, locale: Locale): number {
  if (!(error instanceof StudioError)) throw error;
  const issue = error.issues?.[0];
  console.error(issue ? messageFor(issue.code, locale, issue.params) : messageFor(error.code, locale));
  return EXIT_FAILED;
}

export async function shopCommand(sub: string | undefined, flags: ShopFlags, dataDir: string, locale: Locale) {
  switch (sub) {
    case 'connect': {
      const appId = flags.appId?.trim();
      if (!appId || !APP_ID.test(appId)) {
        throw new UsageError(
          say(locale, '--app-id 应为 wx 开头的 18 位 AppID', '--app-id must be the AppID (wx and 16 hex digits)'),
        );
      }
      const secret = await readSecret(locale);
      return withStudio(dataDir, async (studio) => {
        try {
          console.log(formatShopStatus(await studio.shop.connect(appId, secret), locale));
          return EXIT_OK;
        } catch (error) {
          return explain(error, locale);
        }
      });
    }
    case 'status':
      return withStudio(dataDir, async (studio) => {
        const status = studio.shop.status();
        console.log(flags.json ? JSON.stringify(status, null, 2) : formatShopStatus(status, locale));
        return EXIT_OK;
      });
    case 'disconnect':
      return withStudio(dataDir, async (studio) => {
        await studio.shop.disconnect();
        console.log(
          say(
            locale,
            '已断开微信小店；已同步的商品和订单保留在工作室里',
            'Disconnected; the products and orders it brought stay',
          ),
        );
        return EXIT_OK;
      });
    case 'sync': {
      const since =
        flags.since === undefined ? undefined : Math.floor(parseDay('--since', flags.since, locale, false) / 1000);
      const both = !flags.products && !flags.orders;
      return withStudio(dataDir, async (studio) => {
        let failed = false;
        for (const kind of ['products', 'orders'] as const) {
          if (!both && !flags[kind]) continue;
          let outcome: SyncOutcome;
          try {
            outcome = await studio.shop.sync(kind, kind === 'orders' && since !== undefined ? { since } : {});
          } catch (error) {
            return explain(error, locale);
          }
          const name = kind === 'products' ? say(locale, '商品', 'products') : say(locale, '订单', 'orders');
          const line = `${name}: ${describeOutcome(outcome, locale)}`;
          if (outcome.ok) console.log(line);
          else {
            console.error(line);
            failed = true;
          }
        }
        return failed ? EXIT_FAILED : EXIT_OK;
      });
    }
    default:
      throw new UsageError(`unknown shop command: ${sub ?? '(none)'}`);
  }
}
