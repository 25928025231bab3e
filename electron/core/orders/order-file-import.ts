// `livecart orders import FILE` and the order log's 导入平台订单: the order export of 微信小店 or 抖店 (xlsx, or CSV
// in UTF-8 with or without a BOM, GB18030 or UTF-16), for shops without API access. The header is found in the
// first 20 rows (exports often start with a title or a note); lines are merged into orders by the platform's order
// number; every problem is listed by the row the spreadsheet shows, and a file with any problem changes nothing.
// An order the shop sync already brought in is the same order (its id is the platform's): the file does not
// overwrite what the API said.
import type { CatalogService } from '../catalog/catalog-service.ts';
import { OrderLineProducts } from '../catalog/order-line-products.ts';
import { readSheet } from '../csv/sheet.ts';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import { platformOfHeader, readOrderHeader, readOrderRow, type OrderFileRow } from './order-file-format.ts';
import type { PlatformOrder, PlatformOrders } from './platform-orders.ts';

const HEADER_SEARCH_ROWS = 20;

export interface OrderFileContext {
  db: Db;
  writer: Writer;
  catalog: CatalogService;
  platformOrders: PlatformOrders;
  now?: () => number;
}

const invalid = (issues: Issue[]) =>
  new StudioError('import_invalid', `${issues.length} problem(s) in the file`, { issues, issuesTotal: issues.length });

/** Rows of one order must agree on what is the order's own (its status); the rest is per line. */
function groupOrders(rows: readonly OrderFileRow[], statusColumn: string, issues: Issue[]): OrderFileRow[][] {
  const byId = new Map<string, OrderFileRow[]>();
  const subOrders = new Map<string, number>();
  for (const row of rows) {
    if (row.subOrderId !== null) {
      const first = subOrders.get(row.subOrderId);
      if (first !== undefined) {
        issues.push({ path: '子订单编号', code: 'order_file_line_repeated', line: row.row, params: { first } });
        continue;
      }
      subOrders.set(row.subOrderId, row.row);
    }
    const group = byId.get(row.orderId);
    if (!group) byId.set(row.orderId, [row]);
    else {
      if (group[0]!.status !== row.status) {
        issues.push({
          path: statusColumn,
          code: 'order_file_order_differs',
          line: row.row,
          params: { first: group[0]!.row },
        });
      }
      group.push(row);
    }
  }
  return [...byId.values()];
}

export async function importOrderFile(
  ctx: OrderFileContext,
  bytes: Uint8Array,
  progress: Progress,
): Promise<JobOutcome> {
  const now = ctx.now ?? Date.now;
  progress('phase_reading', 0, bytes.byteLength);
  const sheet = await readSheet(bytes);
  if (sheet.issue) throw invalid([sheet.issue]);
  const headerAt = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => platformOfHeader(r.cells) !== null);
  if (headerAt === -1) {
    throw invalid([{ path: '', code: sheet.rows.length === 0 ? 'csv_empty' : 'order_file_no_header' }]);
  }
  const header = sheet.rows[headerAt]!;
  const columns = readOrderHeader(platformOfHeader(header.cells)!, header.cells, header.row);
  if (columns.issues.length > 0) throw invalid(columns.issues);

  progress('phase_checking', 0, sheet.rows.length);
  const issues: Issue[] = [];
  const rows: OrderFileRow[] = [];
  for (const r of sheet.rows.slice(headerAt + 1)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const row = readOrderRow(columns, r.cells, r.row, issues);
    if (row) rows.push(row);
  }
  if (rows.length === 0 && issues.length === 0) issues.push({ path: '', code: 'csv_no_rows' });
  const statusColumn = columns.at.get('status')?.name ?? '订单状态';
  const orders = groupOrders(rows, statusColumn, issues);
  if (issues.length > 0) throw invalid(issues);

  progress('phase_writing', 0, orders.length);
  const lineProducts = new OrderLineProducts(ctx.db, ctx.catalog);
  const counts = { orders: orders.length, created: 0, updated: 0, unchanged: 0, products: 0 };
  await ctx.writer.write((emit) => {
    const at = now();
    for (const group of orders) {
      // The API's order is left as it is, its lines unread: no 规格 is made up from the file's way of naming it.
      if (ctx.platformOrders.fromApi(group[0]!.platform, group[0]!.orderId)) {
        counts.unchanged++;
        continue;
      }
      const order = platformOrder(group, lineProducts, counts, at);
      counts[ctx.platformOrders.upsert(order, at, 'file').outcome]++;
    }
    emit('orders.bulkChanged', { count: counts.created + counts.updated });
    if (counts.products > 0) emit('catalog.bulkChanged', { created: counts.products, updated: 0 });
  });
  progress('phase_writing', orders.length, orders.length);
  return { summary: { ...counts, platform: columns.platform, rows: rows.length, format: sheet.format } };
}

/**
 * One order from its rows. 微信小店 writes the order's paid amount and freight on each of its lines; 抖店 writes
 * each 子订单's own. A line's unit price is the file's, else the library's, else its share of what was paid.
 */
function platformOrder(
  rows: readonly OrderFileRow[],
  products: OrderLineProducts,
  counts: { products: number },
  now: number,
): PlatformOrder {
  const first = rows[0]!;
  const perLine = first.platform === 'douyin';
  const paidFen = perLine ? rows.reduce((n, r) => n + r.paidFen, 0) : first.paidFen;
  const freightFen = perLine ? rows.reduce((n, r) => n + r.freightFen, 0) : first.freightFen;
  const units = rows.reduce((n, r) => n + r.quantity, 0);
  const lines = rows.map((r) => {
    const share = perLine ? r.paidFen : Math.round(((paidFen - freightFen) * r.quantity) / units);
    const estimate = r.unitPriceFen ?? Math.max(0, Math.round(share / r.quantity));
    const found = products.resolve({ title: r.title, spec: r.spec, code: r.code, priceFen: estimate }, now);
    if (found.created) counts.products++;
    return {
      productId: found.productId,
      skuId: found.skuId,
      title: r.title,
      spec: r.spec,
      sku: r.code,
      unitPriceFen: estimate,
      quantity: r.quantity,
    };
  });
  const carrierRow = rows.find((r) => r.trackingNo);
  return {
    platform: first.platform,
    platformOrderId: first.orderId,
    platformStatus: first.statusText,
    status: first.status,
    buyer: first.buyer || (first.platform === 'douyin' ? '抖音买家' : '微信买家'),
    phone: first.phone,
    address: first.address,
    note: first.note,
    discountFen: 0, // what the amounts leave: goods + freight − paid (balancedAmounts)
    freightFen,
    paidFen,
    aftersaleOpen: 0,
    aftersaleDone: 0,
    carrier: carrierRow?.carrier ?? null,
    trackingNo: carrierRow?.trackingNo ?? null,
    createdAt: first.createdAt ?? first.paidAt ?? now,
    paidAt: first.paidAt,
    platformUpdatedAt: null,
    lines,
  };
}
