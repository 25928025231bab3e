// The shape of the user-facing texts (messages.ts and the tables it merges): per language, each code's words,
// `{name}` filled from the parameters the error carries — the same form as the renderer's own strings. The few
// texts that choose their words by a parameter (a backup or none, camera or microphone) are functions.
export type Locale = 'zh-CN' | 'en';
export type MessageParams = Record<string, string | number>;

/** A text made from its parameters; `say` gives another code's text in the same language. */
export type ComputedText = (p: MessageParams, say: (code: string, params?: MessageParams) => string) => string;
export type ComputedTexts = Record<string, Record<Locale, ComputedText>>;

/** `{name}` in `text` replaced by that parameter; a placeholder without one stays as it is. */
export function fill(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
