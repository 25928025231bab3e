// Translation itself: the two dictionaries and the protocol's messages, looked up by locale. Pure — no window, no
// storage — so any code (and a test in Node) can translate; which locale is current is locale-store.ts's.
import { fill } from '../../../electron/core/protocol/message-table.ts';
import { messageFor, type Locale } from '../../../electron/core/protocol/messages.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { Locale, MessageKey };
type Params = Record<string, string | number>;

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return fill(DICTIONARIES[locale][key], params);
}

export interface Translator {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** Texts for protocol codes (errors, issues, job phases) from messages.ts. */
  msg(code: string, params?: Params): string;
}

export function translatorFor(locale: Locale): Translator {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    msg: (code, params) => messageFor(code, locale, params),
  };
}

/** One translator per locale: hook consumers' memo dependencies stay stable. */
export const TRANSLATORS: Record<Locale, Translator> = { 'zh-CN': translatorFor('zh-CN'), en: translatorFor('en') };
