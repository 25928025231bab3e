// What the order codes say, in both languages (merged into messages.ts).
import type { ComputedTexts } from './message-table.ts';

export const ORDER_STATUS_NAMES = {
  pending: { 'zh-CN': '待付款', en: 'Pending payment' },
  paid: { 'zh-CN': '已付款', en: 'Paid' },
  shipped: { 'zh-CN': '已发货', en: 'Shipped' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  refunded: { 'zh-CN': '已退款', en: 'Refunded' },
} as const;

const statusName = (status: unknown, locale: 'zh-CN' | 'en') =>
  ORDER_STATUS_NAMES[status as keyof typeof ORDER_STATUS_NAMES]?.[locale] ?? String(status);

export const ORDER_MESSAGES_ZH = {
  order_oversold: '库存不足：“{title}”只剩 {left} 件，无法下单 {quantity} 件',
  order_unknown_link: '本场购物袋里没有 {linkNo} 号链接',
  order_key_reused: '这个幂等键已用于另一笔订单：每笔新订单请使用新的键',
  order_unknown_sku: '找不到商品编码为 {sku} 的商品',
  order_no_session: '现在没有正在直播的场次：按链接号下单需要指定场次，或改用商品编码',
  order_session_planned: '该场次还没开播，不能记录订单',
  coupon_buyer_limit: '这位买家已用满这张券的每人限领张数',
  coupon_not_applicable: '这张券不适用于本单（未达门槛，或商品不在券的范围内）',
  ship_unknown_order: '找不到订单 {orderNo}',
  order_file_invalid: '订单文件有 {count} 处错误，没有导入任何订单。请修改后重新导入。',
  order_file_id_mangled:
    '订单号“{value}”已被 Excel 改成科学计数法，后面的数字已经丢失，无法对应到订单：请重新从平台导出（不要在 Excel 里另存），或把这一列设为“文本”',
  order_file_id_invalid: '订单号“{value}”不是有效的订单号',
  order_file_quantity_invalid: '商品数量“{value}”应为正整数',
  order_file_status_unknown: '不认识的订单状态“{value}”',
  order_file_time_invalid: '“{value}”不是有效的时间（应为 2026-12-01 20:00:00 这样的格式）',
  order_file_no_header:
    '前 20 行里没有找到微信小店或抖店订单导出的表头（如“订单号”“商品名称”“商品数量”“订单实际收款金额”，或“主订单编号”）',
  order_file_line_repeated: '这个子订单在第 {first} 行已出现过',
  order_file_order_differs: '同一订单的状态与第 {first} 行不同',
  ship_carrier_unknown: '微信小店的快递公司列表里没有“{carrier}”：请写快递公司的名称（如“顺丰速运”）或编码（如 SF）',
  ship_platform_unavailable: '这是微信小店的订单，需在小店里发货：请先连接微信小店（设置 → 微信小店）',
  ship_nothing: '文件里没有要发货的订单（没有填写快递公司和快递单号的行保持不变）',
  order_platform_owned: '这是平台的订单：付款、取消和退款以平台为准，请在平台上操作',
  ship_tracking_empty: '快递单号为空',
  ship_tracking_mangled: '快递单号“{value}”已被 Excel 改成科学计数法，原来的数字丢失了：请把这一列设为“文本”后重新填写',
  ship_duplicate: '订单 {orderNo} 在第 {first} 行已出现过',
  ship_invalid: '发货文件有 {count} 处错误，没有任何订单被改动。请修改后重新导入。',
  phase_shipping: '标记发货',
};

/** The same codes in English (the compiler checks that none is missing). */
export const ORDER_MESSAGES_EN: Record<keyof typeof ORDER_MESSAGES_ZH, string> = {
  order_oversold: 'Not enough stock: only {left} left of "{title}", cannot order {quantity}',
  order_unknown_link: "There is no link {linkNo} in this show's bag",
  order_key_reused: 'This idempotency key was already used for a different order: use a new key for each new order',
  order_unknown_sku: 'No product has the SKU {sku}',
  order_no_session: 'No show is live: ordering by link number needs a session (or use the SKU)',
  order_session_planned: 'That show has not started yet; it cannot take orders',
  coupon_buyer_limit: 'This buyer has already used this coupon as many times as allowed',
  coupon_not_applicable:
    'This coupon does not apply to this order (below its threshold, or the products are not covered)',
  ship_unknown_order: 'No order {orderNo}',
  order_file_invalid: 'The order file has {count} problem(s); nothing was imported. Fix them and import it again.',
  order_file_id_mangled:
    'The order number "{value}" was turned into scientific notation by Excel and its last digits are lost: export it from the platform again (without saving it in Excel), or format the column as Text',
  order_file_id_invalid: '"{value}" is not an order number',
  order_file_quantity_invalid: 'The quantity "{value}" must be a whole number of at least 1',
  order_file_status_unknown: 'Unknown order status "{value}"',
  order_file_time_invalid: '"{value}" is not a time (expected like 2026-12-01 20:00:00)',
  order_file_no_header:
    'No 微信小店 or 抖店 order export header in the first 20 rows (订单号, 商品名称, 商品数量, 订单实际收款金额, or 主订单编号)',
  order_file_line_repeated: 'This sub-order already appears on row {first}',
  order_file_order_differs: 'The same order has another status on row {first}',
  ship_carrier_unknown:
    '"{carrier}" is not in the WeChat Shop\'s list of carriers: write the carrier\'s name (顺丰速运) or code (SF)',
  ship_platform_unavailable:
    'This order is the WeChat Shop’s and ships there: connect the shop first (Settings → WeChat Shop)',
  ship_nothing: 'Nothing to ship in the file (rows without a carrier and tracking number are left alone)',
  order_platform_owned:
    "This is the platform's order: payment, cancelling and refunds follow the platform; do them there",
  ship_tracking_empty: 'The tracking number is empty',
  ship_tracking_mangled:
    'The tracking number "{value}" was turned into scientific notation by Excel and its digits are lost: format the column as Text and type them again',
  ship_duplicate: 'Order {orderNo} already appears on row {first}',
  ship_invalid: 'The shipping file has {count} problem(s); no order was changed. Fix them and import again.',
  phase_shipping: 'Marking shipped',
};

/** The texts that choose their words by a parameter. */
export const ORDER_MESSAGES_COMPUTED: ComputedTexts = {
  order_transition: {
    'zh-CN': (p) => `订单状态为“${statusName(p.from, 'zh-CN')}”，不能改为“${statusName(p.to, 'zh-CN')}”`,
    en: (p) => `The order is ${statusName(p.from, 'en')}; it cannot become ${statusName(p.to, 'en')}`,
  },
  ship_not_paid: {
    'zh-CN': (p) => `订单 ${p.orderNo} 的状态是“${statusName(p.status, 'zh-CN')}”，只有已付款的订单可以发货`,
    en: (p) => `Order ${p.orderNo} is ${statusName(p.status, 'en')}; only paid orders can be shipped`,
  },
};
