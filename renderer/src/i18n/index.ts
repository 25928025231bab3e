// The renderer's i18n in one import: translation (translate.ts, pure) and the current language (locale-store.ts,
// bound to the browser).
export { translate, translatorFor, type Locale, type MessageKey, type Translator } from './translate.ts';
export { currentTranslator, systemLocale, useLocaleStore, useT, type LanguagePreference } from './locale-store.ts';
