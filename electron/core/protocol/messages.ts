// User-facing texts for codes that cross the protocol, in both languages. Runtime-neutral: the CLI and
// the renderer show the same words for the same problem. Each domain's texts are in its own *-messages.ts.
import { CLIP_MESSAGES_EN, CLIP_MESSAGES_ZH } from './clip-messages.ts';
import { COMMON_MESSAGES_COMPUTED, COMMON_MESSAGES_EN, COMMON_MESSAGES_ZH } from './common-messages.ts';
import { fill, type ComputedTexts, type Locale, type MessageParams } from './message-table.ts';
import { ORDER_MESSAGES_COMPUTED, ORDER_MESSAGES_EN, ORDER_MESSAGES_ZH } from './order-messages.ts';
import { SAFETY_MESSAGES_COMPUTED, SAFETY_MESSAGES_EN, SAFETY_MESSAGES_ZH } from './safety-messages.ts';
import { SHOP_MESSAGES_COMPUTED, SHOP_MESSAGES_EN, SHOP_MESSAGES_ZH } from './shop-messages.ts';
import { SKU_MESSAGES_EN, SKU_MESSAGES_ZH } from './sku-messages.ts';
import { STREAM_MESSAGES_EN, STREAM_MESSAGES_ZH } from './stream-messages.ts';

export type { Locale };

const TEXTS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    ...ORDER_MESSAGES_ZH,
    ...SAFETY_MESSAGES_ZH,
    ...SKU_MESSAGES_ZH,
    ...SHOP_MESSAGES_ZH,
    ...CLIP_MESSAGES_ZH,
    ...STREAM_MESSAGES_ZH,
    ...COMMON_MESSAGES_ZH,
  },
  en: {
    ...ORDER_MESSAGES_EN,
    ...SAFETY_MESSAGES_EN,
    ...SKU_MESSAGES_EN,
    ...SHOP_MESSAGES_EN,
    ...CLIP_MESSAGES_EN,
    ...STREAM_MESSAGES_EN,
    ...COMMON_MESSAGES_EN,
  },
};

const COMPUTED: ComputedTexts = {
  ...ORDER_MESSAGES_COMPUTED,
  ...SAFETY_MESSAGES_COMPUTED,
  ...SHOP_MESSAGES_COMPUTED,
  ...COMMON_MESSAGES_COMPUTED,
};

/** The text for a code in a locale; an unknown code falls back to itself so nothing is ever blank. */
export function messageFor(code: string, locale: Locale, params: MessageParams = {}): string {
  const computed = COMPUTED[code];
  if (computed) return computed[locale](params, (other, more) => messageFor(other, locale, more));
  const text = TEXTS[locale][code];
  return text === undefined ? code : fill(text, params);
}

export function hasMessage(code: string): boolean {
  return code in COMPUTED || code in TEXTS['zh-CN'];
}

/** zh-CN for any Chinese locale tag (zh, zh-CN, zh_TW.UTF-8, zh-Hans…), English otherwise. */
export function pickLocale(tag: string | undefined | null): Locale {
  return tag && /^zh\b|^zh[-_]/i.test(tag.trim()) ? 'zh-CN' : 'en';
}
