// Which language the studio speaks: zh-CN when the system is Chinese, English otherwise, unless the user picked
// one in settings (kept in the browser's storage). The browser-bound half of i18n; translate.ts is the pure one.
import { create } from 'zustand';
import { pickLocale, type Locale } from '../../../electron/core/protocol/messages.ts';
import { TRANSLATORS, type Translator } from './translate.ts';

export type LanguagePreference = 'system' | Locale;

const STORAGE_KEY = 'livecart.language';

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

export function useT(): Translator {
  return TRANSLATORS[useLocaleStore((s) => s.locale)];
}

/** For code outside React (stores, notices). */
export function currentTranslator(): Translator {
  return TRANSLATORS[useLocaleStore.getState().locale];
}
