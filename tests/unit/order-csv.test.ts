import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { formatLocalDate, formatLocalTime } from '../../electron/core/csv/table.ts';
import { orderCells, orderCsvHeader, orderCsvLine, type OrderCsvSource } from '../../electron/core/orders/order-csv.ts';
import { ORDER_STATUSES } from '../../electron/core/protocol/order-status.ts';

// Built from local fields, so the expectations hold in any time zone.
const CREATED = new Date(2026, 0, 5, 9, 3, 7).getTime();

const source = (over: Partial<OrderCsvSource> = {}): OrderCsvSource => ({
  order_no: '260105-001',
  created_at: CREATED,
  session_title: '助农专场',
  link_no: 3,
  title: '东北大米',
  spec: '5kg',
  sku: 'RICE-5',
  unit_price_fen: 5990,
  quantity: 2,
  coupon_name: '满100减10',
  line_discount_fen: 1000,
  buyer: '小王',
  phone: '13800000000',
  address: '北京市朝阳区',
  note: '要新米',
  status: 'paid',
  carrier: null,
  tracking_no: null,
  ...over,
});

const cellsOf = (line: string) => parse(line, { relax_quotes: false })[0] as string[];

test('the header is Chinese for zh-CN and English otherwise, nineteen columns in the documented order', () => {
  assert.deepEqual(orderCsvHeader('zh-CN'), [
    '订单号',
    '下单时间',
    '场次',
    '链接号',
    '商品',
    '规格',
    '商品编码',
    '单价',
    '数量',
    '优惠券',
    '优惠金额',
    '实付',
    '买家',
    '手机',
    '收货地址',
    '备注',
    '状态',
    '快递公司',
    '快递单号',
  ]);
  assert.deepEqual(orderCsvHeader('en'), [
    'order_no',
    'created_at',
    'session',
    'link_no',
    'product',
    'spec',
    'sku',
    'unit_price',
    'quantity',
    'coupon',
    'discount',
    'paid',
    'buyer',
    'phone',
    'address',
    'note',
    'status',
    'carrier',
    'tracking_no',
  ]);
});

test('a line reads back cell by cell: yuan with two decimals, the line’s own discount and paid amount', () => {
  const line = orderCsvLine(source(), 'zh-CN');
  assert.ok(line.endsWith('\r\n'));
  assert.deepEqual(cellsOf(line), [
    '260105-001',
    '2026-01-05 09:03:07',
    '助农专场',
    '3',
    '东北大米',
    '5kg',
    'RICE-5',
    '59.90',
    '2',
    '满100减10',
    '10.00',
    '109.80',
    '小王',
    '13800000000',
    '北京市朝阳区',
    '要新米',
    '已付款',
    '',
    '',
  ]);
});

test('amounts: whole yuan, single fen, zero and large values keep two decimals without grouping', () => {
  const cells = (unit: number, quantity: number, discount: number) =>
    cellsOf(orderCsvLine(source({ unit_price_fen: unit, quantity, line_discount_fen: discount }), 'en'));
  assert.deepEqual(cells(100, 1, 0).slice(7, 12), ['1.00', '1', '满100减10', '0.00', '1.00']);
  assert.deepEqual(cells(1, 3, 1).slice(10, 12), ['0.01', '0.02']);
  assert.deepEqual(cells(129900, 1000, 0).slice(10, 12), ['0.00', '1299000.00']);
});

test('status names follow the file’s language', () => {
  const names = ORDER_STATUSES.map((status) => [
    orderCells(source({ status }), 'zh-CN')[16],
    orderCells(source({ status }), 'en')[16],
  ]);
  assert.deepEqual(names, [
    ['待付款', 'Pending payment'],
    ['已付款', 'Paid'],
    ['已发货', 'Shipped'],
    ['已完成', 'Completed'],
    ['已取消', 'Cancelled'],
    ['已退款', 'Refunded'],
  ]);
});

test('user text is defused against formulas; amounts, times and our own values are written raw', () => {
  const line = orderCsvLine(
    source({
      title: '=HYPERLINK("http://x")',
      session_title: '@SUM(A1)',
      buyer: '+1 小王',
      phone: '+8613800000000',
      address: '-1,"楼"\n2单元',
      note: '＝1+1',
      coupon_name: '-5元券',
      spec: '=B1',
      sku: '=A1',
      carrier: '=顺丰',
      tracking_no: '-SF1',
      line_discount_fen: 0,
    }),
    'en',
  );
  const cells = cellsOf(line);
  for (const k of [2, 4, 5, 6, 9, 12, 13, 14, 15, 17, 18]) assert.ok(cells[k]!.startsWith("'"), `${k}: ${cells[k]}`);
  assert.equal(cells[4], `'=HYPERLINK("http://x")`);
  assert.equal(cells[14], `'-1,"楼"\n2单元`);
  assert.equal(cells[10], '0.00');
  assert.equal(cells[0], '260105-001');
});

test('empty optional values are empty cells; phone numbers stay exactly as typed', () => {
  const cells = cellsOf(
    orderCsvLine(
      source({ session_title: null, link_no: null, spec: '', sku: null, coupon_name: null, phone: '' }),
      'en',
    ),
  );
  assert.deepEqual([cells[2], cells[3], cells[5], cells[6], cells[9], cells[13]], ['', '', '', '', '', '']);
  assert.equal(cellsOf(orderCsvLine(source({ phone: '010-12345678' }), 'en'))[13], '010-12345678');
});

test('local time formatting pads every field, and the date is the local day', () => {
  assert.equal(formatLocalTime(new Date(2026, 11, 31, 23, 59, 59).getTime()), '2026-12-31 23:59:59');
  assert.equal(formatLocalTime(new Date(999, 1, 3, 4, 5, 6).getTime()), '0999-02-03 04:05:06');
  assert.equal(formatLocalDate(new Date(2026, 6, 1, 0, 0, 0).getTime()), '2026-07-01');
});
