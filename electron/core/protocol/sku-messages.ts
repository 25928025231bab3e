// What the codes about 规格 (SKUs) say, in both languages (merged into messages.ts).

export const SKU_MESSAGES_ZH = {
  spec_required: '有多个规格时，每个规格都要有名称（如“5kg”“红色”）',
  spec_invalid: '规格名称不能包含换行或控制字符',
  spec_repeated: '规格“{spec}”重复了',
  skus_edit_each: '该商品有多个规格：请分别修改每个规格的价格、库存和编码',
  skus_and_fields: '规格和商品的价格、库存、编码不能同时提交',
  sku_unknown: '该规格不属于这个商品，或已被删除',
  sku_required: '“{title}”有多个规格，请选择一个',
};

/** The same codes in English (the compiler checks that none is missing). */
export const SKU_MESSAGES_EN: Record<keyof typeof SKU_MESSAGES_ZH, string> = {
  spec_required: 'With several specifications, each needs a name ("5 kg", "red")',
  spec_invalid: 'A specification name cannot hold line breaks or control characters',
  spec_repeated: 'The specification "{spec}" appears twice',
  skus_edit_each: 'This product has several specifications: change the price, stock and code of each one',
  skus_and_fields: "Send either the specifications or the product's price, stock and code, not both",
  sku_unknown: 'That specification is not one of this product’s, or was removed',
  sku_required: '"{title}" has several specifications: choose one',
};
