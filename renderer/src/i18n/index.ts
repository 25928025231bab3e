// Language: zh-CN when the system is Chinese, English otherwise, unless the user picked one in settings.
import { create } from 'zustand';
import { messageFor, pickLocale, type Locale } from '../../../electron/core/protocol/messages.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { Locale, MessageKey };
export type LanguagePreference = 'system' | Locale;
type Params = Record<string, string | number>;

const STORAGE_KEY = 'livecart.language';
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function systemLocale(): Locale {
  return pickLocale(window.studio?.systemLocale ?? navigator.language);
}

function readPreference(): LanguagePreference {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage may be disabled; fall back to the system language.
  }
  return 'system';
}

function resolve(preference: LanguagePreference): Locale {
  const locale = preference === 'system' ? systemLocale() : preference;
  document.documentElement.lang = locale;
  return locale;
}

interface LocaleState {
  preference: LanguagePreference;
  locale: Locale;
  setPreference(preference: LanguagePreference): void;
}

export const useLocaleStore = create<LocaleState>((set) => {
  const preference = readPreference();
  return {
    preference,
    locale: resolve(preference),
    setPreference(next) {
      try {
        if (next === 'system') localStorage.removeItem(STORAGE_KEY);
        else localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not persisted, but still applied for this session.
      }
      set({ preference: next, locale: resolve(next) });
    },
  };
});

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return DICTIONARIES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
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

export function useT(): Translator {
  const locale = useLocaleStore((s) => s.locale);
  // One object per locale keeps hook consumers' memo dependencies stable.
  return TRANSLATORS[locale];
}

const TRANSLATORS: Record<Locale, Translator> = { 'zh-CN': translatorFor('zh-CN'), en: translatorFor('en') };

/** For code outside React (stores, notices). */
export function currentTranslator(): Translator {
  return TRANSLATORS[useLocaleStore.getState().locale];
}
