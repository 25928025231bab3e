// The access screens' UI strings, both languages; merged into the dictionaries by i18n/zh-CN.ts and i18n/en.ts.
export const accessZh = {} as const;

export const accessEn: Record<keyof typeof accessZh, string> = {};
