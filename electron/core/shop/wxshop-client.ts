// The 微信小店 (channels ec) HTTP client: the access token from stable_token, kept until it is near its end and
// fetched again on 40001/42001; rate limits backed off; every platform error as a StudioError a seller can act on.
// The AppSecret and the token never reach a message, a log or an error: the token travels in the URL, so no
// URL is ever put into one either.
import { refused, StudioError } from '../protocol/errors.ts';

export const WXSHOP_DEFAULT_API = 'https://api.weixin.qq.com';

/** The platform's host, or `LIVECART_WXSHOP_API` (tests point it at a fake shop on loopback). */
export function wxshopBase(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.LIVECART_WXSHOP_API?.trim();
  if (!raw) return WXSHOP_DEFAULT_API;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error('LIVECART_WXSHOP_API must be an http(s) URL');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export interface WxReply {
  errcode?: number;
  errmsg?: string;
}

export interface WxShopClientOptions {
  appId: string;
  secret: string;
  base?: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests record the waits instead of spending them. */
  sleep?: (ms: number) => Promise<void>;
  /** Seconds, for the token's lifetime. */
  now?: () => number;
}

// api_getstableaccesstoken: "普通模式下平台会提前 5 分钟更新 access_token" — ask again once inside those 5 minutes.
const RENEW_BEFORE_S = 300;
// Force-refresh: "每天限用 20 次且需间隔 30 秒".
const FORCE_GAP_S = 30;
const RATE_LIMIT_RETRIES = 5;
const BUSY_RETRIES = 3;
const NETWORK_RETRIES = 2;
const TOKEN_INVALID = new Set([40001, 40014, 42001]);
const CREDENTIALS = new Set([40002, 40013, 40125, 41002, 41004, 40243, 50004, 50007]);
const WHITELIST = new Set([40164, 45035, 61004]);
const NO_PERMISSION = new Set([48001, 48004, 10020050, 10020177]);

/** What the platform said, without its request id: for the seller and the logs. */
function platformText(reply: WxReply): string {
  return (reply.errmsg ?? '').replace(/,?\s*rid:\s*[\w-]+\s*$/, '').slice(0, 300);
}

/** The shop's errcode behind a refusal (shopError keeps it), if the error is one. */
export function shopErrcode(error: unknown): number | undefined {
  const errcode = error instanceof StudioError ? error.issues?.[0]?.params?.errcode : undefined;
  return typeof errcode === 'number' ? errcode : undefined;
}

/** The platform's refusal as a `refused` error whose code the UI explains (protocol/shop-messages.ts). */
export function shopError(reply: WxReply, where: string): StudioError {
  const errcode = reply.errcode ?? -1;
  const errmsg = platformText(reply);
  const params = { errcode, errmsg };
  if (WHITELIST.has(errcode)) {
    const ip = /invalid ip ([\d.a-f:]+)|requestIP: ([\d.a-f:]+)/i.exec(errmsg);
    return refused('shop_ip_not_whitelisted', `${where}: IP not in the shop's whitelist`, {
      ...params,
      ip: ip?.[1] ?? ip?.[2] ?? '',
    });
  }
  if (CREDENTIALS.has(errcode)) return refused('shop_credentials', `${where}: AppID or AppSecret refused`, params);
  if (NO_PERMISSION.has(errcode)) return refused('shop_no_permission', `${where}: not permitted`, params);
  if (errcode === 45009) return refused('shop_daily_quota', `${where}: daily quota reached`, params);
  if (errcode === 45011) return refused('shop_rate_limited', `${where}: rate limited`, params);
  if (errcode === -1) return refused('shop_busy', `${where}: the shop is busy`, params);
  if (TOKEN_INVALID.has(errcode)) return refused('shop_token', `${where}: token refused`, params);
  return refused('shop_refused', `${where}: errcode ${errcode}`, params);
}

export class WxShopClient {
  readonly base: string;
  private readonly appId: string;
  private readonly secret: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private token: { value: string; expiresAt: number } | null = null;
  /** The shop's clock minus ours (ms), from its answers' Date header; null until one has come. */
  private offsetMs: number | null = null;
  private lastForced = -Infinity;
  private renewing: Promise<void> | null = null;

  constructor(options: WxShopClientOptions) {
    this.appId = options.appId;
    this.secret = options.secret;
    this.base = options.base ?? wxshopBase();
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /**
   * The shop's time now, in seconds (its order windows are on its clock, not this computer's, which may be
   * minutes off), rounded up: its Date header has whole seconds. Asks the shop (a token) when none has answered yet.
   */
  async shopSeconds(): Promise<number> {
    if (this.offsetMs === null) await this.accessToken();
    return Math.floor((Date.now() + (this.offsetMs ?? 0)) / 1000) + 1;
  }

  /** Fetches a token: the way to check an AppID and AppSecret (and the whitelist) before storing them. */
  async verify(): Promise<void> {
    this.token = null;
    await this.accessToken();
  }

  /** A business call (`/channels/ec/...`): JSON in, JSON out, errcode 0 or a StudioError. */
  async call<T>(path: string, body: Record<string, unknown>): Promise<T & WxReply> {
    let tokenRetries = 0;
    let rateRetries = 0;
    let busyRetries = 0;
    for (;;) {
      const token = await this.accessToken();
      const reply = await this.post<T & WxReply>(`${path}?access_token=${encodeURIComponent(token)}`, body, path);
      const errcode = reply.errcode ?? 0;
      if (errcode === 0) return reply;
      if (TOKEN_INVALID.has(errcode) && tokenRetries < 2) {
        // A token another client force-refreshed, or one that expired early: ask again; the same token back means
        // the platform still thinks it valid, so force a new one (at most once per 30 s, as the platform allows).
        tokenRetries++;
        // Calls in flight together (an order page's details) share one renewal: one force refresh, not four.
        this.renewing ??= this.renew(token).finally(() => (this.renewing = null));
        await this.renewing;
        continue;
      }
      if (errcode === 45011 && rateRetries < RATE_LIMIT_RETRIES) {
        // "命中每分钟的频率限制": 2, 4, 8, 16, 32 s — the minute's quota comes back within the last wait.
        await this.sleep(2000 * 2 ** rateRetries++);
        continue;
      }
      if (errcode === -1 && busyRetries < BUSY_RETRIES) {
        await this.sleep(1000 * 2 ** busyRetries++);
        continue;
      }
      throw shopError(reply, path);
    }
  }

  private async accessToken(): Promise<string> {
    const now = this.now();
    if (this.token && this.token.expiresAt - now > RENEW_BEFORE_S) return this.token.value;
    return this.fetchToken(false);
  }

  private async renew(refused: string): Promise<void> {
    this.token = null;
    const fresh = await this.fetchToken(false);
    if (fresh !== refused) return;
    const now = this.now();
    if (now - this.lastForced < FORCE_GAP_S) await this.sleep((FORCE_GAP_S - (now - this.lastForced)) * 1000);
    this.lastForced = this.now();
    await this.fetchToken(true);
  }

  private async fetchToken(force: boolean): Promise<string> {
    const body = { grant_type: 'client_credential', appid: this.appId, secret: this.secret, force_refresh: force };
    const reply = await this.post<WxReply & { access_token?: string; expires_in?: number }>(
      '/cgi-bin/stable_token',
      body,
      'stable_token',
    );
    if ((reply.errcode ?? 0) !== 0 || typeof reply.access_token !== 'string') throw shopError(reply, 'stable_token');
    this.token = { value: reply.access_token, expiresAt: this.now() + (reply.expires_in ?? 7200) };
    return reply.access_token;
  }

  /** One POST; a network failure is retried twice, then said without the URL (it holds the token). */
  private async post<T>(pathAndQuery: string, body: unknown, label: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.fetch(this.base + pathAndQuery, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const date = Date.parse(response.headers.get('date') ?? '');
        if (Number.isFinite(date)) this.offsetMs = date - Date.now();
        return (await response.json()) as T;
      } catch (error) {
        if (attempt < NETWORK_RETRIES) {
          await this.sleep(1000 * 2 ** attempt);
          continue;
        }
        const reason = error instanceof Error && /^HTTP \d+$/.test(error.message) ? error.message : 'network';
        throw refused('shop_unreachable', `${label}: the shop could not be reached (${reason})`, { reason });
      }
    }
  }
}
