import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../electron/core/protocol/errors.ts';
import {
  cellText,
  parseLocalTime,
  platformOfHeader,
  readOrderHeader,
  readOrderRow,
  statusOfText,
} from '../../electron/core/orders/order-file-format.ts';

const WX_HEADER = [
  '订单号',
  '订单下单时间',
  '支付时间',
  '订单状态',
  '商品名称',
  '商品规格',
  '商品编码',
  '商品数量',
  '订单实际收款金额',
  '收件人',
  '收件人手机',
  '收件人地址',
];
const DY_HEADER = [
  '主订单编号',
  '子订单编号',
  '选购商品',
  '商品规格',
  '商品数量',
  '商家编码',
  '订单应付金额',
  '运费',
  '收件人',
  '订单状态',
  '订单提交时间',
];

test('which platform wrote a header: 抖店 by its 主订单编号, 微信小店 by its own names', () => {
  assert.equal(platformOfHeader(DY_HEADER), 'douyin');
  assert.equal(platformOfHeader(WX_HEADER), 'wxshop');
  assert.equal(platformOfHeader(['订单号', '快递公司', '快递单号']), null, 'a shipping file is no order export');
  assert.equal(platformOfHeader(['2026年12月订单', '', '']), null, 'a title row above the header');
});

test('cells as their author meant them: guards against Excel undone, dashes empty', () => {
  assert.equal(cellText('\t3704612354559743232'), '3704612354559743232');
  assert.equal(cellText("'3704612354559743232"), '3704612354559743232');
  assert.equal(cellText('="3704612354559743232"'), '3704612354559743232');
  assert.deepEqual(['-', '--', ' — ', ''].map(cellText), ['', '', '', '']);
  assert.equal(cellText(' 陈* '), '陈*');
});

test('status words onto ours; local times in the shapes exports write', () => {
  assert.deepEqual(
    ['待发货', '已发货', '交易成功', '已关闭', '退款成功', '待付款', '部分发货', '天知道'].map(statusOfText),
    ['paid', 'shipped', 'completed', 'cancelled', 'refunded', 'pending', 'shipped', null],
  );
  assert.equal(parseLocalTime('2026-09-22 00:54:10'), new Date(2026, 8, 22, 0, 54, 10).getTime());
  assert.equal(parseLocalTime('2026/9/2 8:05'), new Date(2026, 8, 2, 8, 5).getTime());
  assert.equal(parseLocalTime('2026-02-30 10:00:00'), null, 'a day that does not exist');
  assert.equal(parseLocalTime('yesterday'), null);
});

test('a row against its header: ids, money and counts read; a mangled id refused with why', () => {
  const columns = readOrderHeader('wxshop', WX_HEADER, 1);
  assert.deepEqual(columns.issues, []);
  const issues: Issue[] = [];
  const row = readOrderRow(
    columns,
    [
      '\t3704612354559743232',
      '2026-11-28 20:01:02',
      '2026-11-28 20:01:30',
      '待发货',
      '五常大米',
      '5kg',
      'RICE-5',
      '2',
      '79.80',
      '陈*',
      '138****5941',
      '广东省 广州市 海珠区',
    ],
    2,
    issues,
  );
  assert.deepEqual(issues, []);
  assert.deepEqual(
    [row?.orderId, row?.status, row?.quantity, row?.paidFen, row?.code, row?.spec, row?.createdAt],
    ['3704612354559743232', 'paid', 2, 7980, 'RICE-5', '5kg', new Date(2026, 10, 28, 20, 1, 2).getTime()],
  );
  const problems: Issue[] = [];
  const bad = readOrderRow(
    columns,
    ['3.70461E+18', '-', '-', '不知道', '', '', '', '0', 'abc', '', '', ''],
    5,
    problems,
  );
  assert.equal(bad, null);
  assert.deepEqual(
    problems.map((i) => `${i.line}:${i.path}:${i.code}`),
    [
      '5:订单号:order_file_id_mangled',
      '5:商品名称:required',
      '5:商品数量:order_file_quantity_invalid',
      '5:订单实际收款金额:price_invalid',
      '5:订单状态:order_file_status_unknown',
    ],
  );
});

test('a required column missing is named as the platform names it', () => {
  const columns = readOrderHeader('douyin', ['主订单编号', '选购商品', '商品数量'], 3);
  assert.deepEqual(columns.issues, [
    { path: '订单应付金额', code: 'csv_missing_column', line: 3, params: { column: '订单应付金额' } },
  ]);
});
