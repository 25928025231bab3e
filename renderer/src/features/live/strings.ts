// The live screens' UI strings, both languages; merged into the dictionaries by i18n/zh-CN.ts and i18n/en.ts.
export const liveZh = {} as const;

export const liveEn: Record<keyof typeof liveZh, string> = {};
