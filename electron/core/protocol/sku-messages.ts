// What the codes about 规格 (SKUs) say, in both languages (merged into messages.ts).
import type { MessageTable } from './message-table.ts';

export const SKU_MESSAGES: MessageTable = {
  spec_required: {
    'zh-CN': '有多个规格时，每个规格都要有名称（如“5kg”“红色”）',
    en: 'With several specifications, each needs a name ("5 kg", "red")',
  },
  spec_invalid: {
    'zh-CN': '规格名称不能包含换行或控制字符',
    en: 'A specification name cannot hold line breaks or control characters',
  },
  spec_repeated: {
    'zh-CN': (p) => `规格“${p.spec}”重复了`,
    en: (p) => `The specification "${p.spec}" appears twice`,
  },
  skus_edit_each: {
    'zh-CN': '该商品有多个规格：请分别修改每个规格的价格、库存和编码',
    en: 'This product has several specifications: change the price, stock and code of each one',
  },
  skus_and_fields: {
    'zh-CN': '规格和商品的价格、库存、编码不能同时提交',
    en: "Send either the specifications or the product's price, stock and code, not both",
  },
  sku_unknown: {
    'zh-CN': '该规格不属于这个商品，或已被删除',
    en: 'That specification is not one of this product’s, or was removed',
  },
  sku_required: {
    'zh-CN': (p) => `“${p.title}”有多个规格，请选择一个`,
    en: (p) => `"${p.title}" has several specifications: choose one`,
  },
};
