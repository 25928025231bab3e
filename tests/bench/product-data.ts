// Deterministic product data for the benchmarks: the rows (already parsed, for the raw baselines) and the same
// rows as the CSV file a seller would import (UTF-8 with BOM, CRLF, Chinese headers, ¥1,299.00 prices).
import type { LinkKind } from '../../electron/core/protocol/catalog-schemas.ts';
import { seededRandom } from '../support/seeded-random.ts';

export interface BenchProduct {
  title: string;
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
  sku: string;
  link: string | null;
  linkKind: LinkKind | null;
  sellingPoints: string;
}

const BRANDS = [
  '花西子',
  '完美日记',
  '三只松鼠',
  '良品铺子',
  '李宁',
  '安踏',
  '小米',
  '华为',
  '波司登',
  '蕉下',
  '元气森林',
  '洽洽',
];
const TAGS = ['【直播专享】', '【限时秒杀】', '【新品首发】', '【工厂直供】', '', '', ''];
const ITEMS = [
  '空气蜜粉 轻薄控油散粉',
  '每日坚果 混合果仁礼盒',
  '速干运动T恤 男女同款',
  '防晒冰袖 UPF50+',
  '无线蓝牙耳机 降噪长续航',
  '羽绒服 加厚保暖中长款',
  '零糖气泡水 整箱装',
  '原味瓜子 家庭分享装',
  '保温杯 316不锈钢大容量',
  '儿童绘本 全套10册',
];
const SPECS = ['8g', '750g/箱', 'XL', '均码', '500ml×12瓶', '1.5kg', '黑色', '樱花粉', '经典款', '升级版'];
const POINTS = [
  '轻薄便携，续航12小时',
  '买一送一, 到手两件',
  '主播亲测"回购三次"',
  '7天无理由退换，运费险',
  '顺丰包邮, 48小时发货',
  '原产地直发，新鲜看得见',
  '"爆款"返场, 库存不多',
  '赠送定制礼盒, 可刻字',
];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function token(rand: () => number, length: number): string {
  let s = '';
  for (let k = 0; k < length; k++) s += LETTERS[Math.floor(rand() * LETTERS.length)];
  return s;
}

function link(rand: () => number, i: number): { link: string | null; linkKind: LinkKind | null } {
  const r = rand();
  if (r < 0.1) return { link: null, linkKind: null };
  if (r < 0.4)
    return { link: `https://shop.example.com/item/${100000 + i}?from=live&ch=${token(rand, 4)}`, linkKind: 'url' };
  if (r < 0.6) return { link: `https://mp.weixin.qq.com/s/${token(rand, 22)}`, linkKind: 'article' };
  if (r < 0.8) return { link: `pages/goods/detail?id=${i}&src=live`, linkKind: 'miniprogram' };
  return { link: `#小程序://好物小店/${token(rand, 6)}`, linkKind: 'miniprogram' };
}

export function generateProducts(count: number, seed = 20240601): BenchProduct[] {
  const rand = seededRandom(seed);
  const out: BenchProduct[] = [];
  for (let i = 1; i <= count; i++) {
    // Mostly everyday prices, a few big-ticket ones so ¥1,299.00-style grouping shows up often.
    const priceFen = rand() < 0.3 ? 100_000 + Math.floor(rand() * 900_000) * 10 : 990 + Math.floor(rand() * 9_000) * 10;
    const originalPriceFen = rand() < 0.6 ? priceFen + 100 * (1 + Math.floor(rand() * 500)) : null;
    const points: string[] = [];
    const nPoints = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < nPoints; k++) points.push(pick(rand, POINTS));
    // Some cells span lines, as a seller's Alt+Enter in Excel makes them.
    const sellingPoints = points.join(rand() < 0.05 ? '\n' : '；');
    out.push({
      title: `${pick(rand, TAGS)}${pick(rand, BRANDS)} ${pick(rand, ITEMS)} ${pick(rand, SPECS)} 第${i}号`,
      priceFen,
      originalPriceFen,
      stock: Math.floor(rand() * 5000),
      sku: `LC-${String(i).padStart(7, '0')}`,
      ...link(rand, i),
      sellingPoints,
    });
  }
  return out;
}

/** `129900` → `¥1,299.00`, as sellers keep prices in spreadsheets. */
export function yuanText(fen: number): string {
  const whole = String(Math.trunc(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const IMPORT_HEADER = ['商品名称', '价格', '划线价', '库存', '商品编码', '链接', '卖点'];

/** The import file as Excel's "CSV UTF-8" writes it: BOM, CRLF, quoted cells where needed. */
export function productsCsvBytes(products: readonly BenchProduct[]): Buffer {
  const lines: string[] = [IMPORT_HEADER.join(',')];
  for (const p of products) {
    const stock = p.stock >= 1000 && p.stock % 7 === 0 ? p.stock.toLocaleString('en-US') : String(p.stock);
    lines.push(
      [
        cell(p.title),
        cell(yuanText(p.priceFen)),
        p.originalPriceFen === null ? '' : cell(yuanText(p.originalPriceFen)),
        cell(stock),
        cell(p.sku),
        cell(p.link ?? ''),
        cell(p.sellingPoints),
      ].join(','),
    );
  }
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}
