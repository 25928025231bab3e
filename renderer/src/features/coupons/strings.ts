// The coupons screens' UI strings, both languages; merged into the dictionaries by i18n/zh-CN.ts and i18n/en.ts.
export const couponsZh = {} as const;

export const couponsEn: Record<keyof typeof couponsZh, string> = {};
