// `livecart orders export` and `livecart orders ship FILE`: the same export and 批量发货 the studio window runs.
import fs from 'node:fs';
import { prepareDataFolder } from '../system/data-folder.ts';
import path from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { exportOrders, writeOrders } from '../orders/order-export.ts';
import { importShipping } from '../orders/order-ship-import.ts';
import { importOrderFile } from '../orders/order-file-import.ts';
import type { Actor } from '../orders/order-store.ts';
import { StudioError } from '../protocol/errors.ts';
import type { ExportFormat } from '../protocol/jobs-schemas.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { ORDER_STATUS_NAMES } from '../protocol/order-messages.ts';
import { ORDER_STATUSES, type OrderFilter, type OrderStatus } from '../protocol/order-schemas.ts';
import { DB_FILE, openStudio } from '../studio.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseDay, say, UsageError } from './args.ts';
import { formatIssue, withConsoleProgress } from './console-progress.ts';

const CLI_ACTOR: Actor = { role: 'host', deviceId: null, client: 'cli' };

export interface OrderExportFlags {
  session?: string;
  status?: string;
  from?: string;
  to?: string[];
  header?: string;
  out?: string;
  format?: ExportFormat;
}

function parseStatus(value: string, locale: Locale): OrderStatus {
  const given = value.trim().toLowerCase();
  const status = ORDER_STATUSES.find(
    (s) => s === given || ORDER_STATUS_NAMES[s]['zh-CN'] === given || ORDER_STATUS_NAMES[s].en.toLowerCase() === given,
  );
  if (status) return status;
  const list = ORDER_STATUSES.join(', ');
  throw new UsageError(
    say(locale, `--status 应为 ${list} 之一，收到 ${value}`, `--status must be one of ${list}, got ${value}`),
  );
}

/** The flags as an order filter and a header language; a bad value is a UsageError in the user's language. */
export function parseOrderExportFlags(
  flags: OrderExportFlags,
  locale: Locale,
): { filter: OrderFilter; header: Locale } {
  const filter: OrderFilter = {};
  if (flags.session !== undefined) {
    const id = Number(flags.session);
    if (!/^\d+$/.test(flags.session.trim()) || !Number.isSafeInteger(id) || id < 1) {
      throw new UsageError(
        say(
          locale,
          `--session 应为场次编号（正整数），收到 ${flags.session}`,
          `--session must be a session id (a positive whole number), got ${flags.session}`,
        ),
      );
    }
    filter.sessionId = id;
  }
  if (flags.status !== undefined) filter.status = parseStatus(flags.status, locale);
  if (flags.from !== undefined) filter.from = parseDay('--from', flags.from, locale, false);
  if (flags.to !== undefined && flags.to.length > 1) {
    throw new UsageError(say(locale, '--to 只能给一次', '--to may be given once'));
  }
  const to = flags.to?.[0];
  if (to !== undefined) filter.to = parseDay('--to', to, locale, true);
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
    throw new UsageError(say(locale, '--from 不能晚于 --to', '--from must not be after --to'));
  }
  let header = locale;
  if (flags.header !== undefined) {
    const h = flags.header.trim().toLowerCase();
    if (h === 'zh' || h === 'zh-cn') header = 'zh-CN';
    else if (h === 'en') header = 'en';
    else
      throw new UsageError(
        say(locale, `--header 应为 zh 或 en，收到 ${flags.header}`, `--header must be zh or en, got ${flags.header}`),
      );
  }
  return { filter, header };
}

/** Reads the database only (no studio opened), so it runs safely beside the desktop app and its jobs. */
export async function ordersExportCommand(flags: OrderExportFlags, dataDir: string, locale: Locale): Promise<number> {
  const { filter, header } = parseOrderExportFlags(flags, locale);
  prepareDataFolder(dataDir);
  // Opened once with the app's settings: an older database is brought up to date, a newer one refused.
  const db = openDatabase(path.join(dataDir, DB_FILE), { waitForLocks: true });
  try {
    const known =
      filter.sessionId === undefined || db.prepare('SELECT 1 FROM live_sessions WHERE id = ?').get(filter.sessionId);
    if (!known) {
      console.error(say(locale, `找不到场次 ${filter.sessionId}`, `No session ${filter.sessionId}`));
      return EXIT_USAGE;
    }
  } finally {
    db.close();
  }
  const dbFile = path.resolve(dataDir, DB_FILE);
  const options = { filter, locale: header, format: flags.format ?? 'csv' };
  const { rows } = await withConsoleProgress(locale, (progress) =>
    flags.out
      ? exportOrders(dbFile, { ...options, out: flags.out }, progress)
      : writeOrders(dbFile, options, process.stdout, progress, { end: false }),
  );
  if (flags.out) {
    console.error(say(locale, `已导出 ${rows} 行订单到 ${flags.out}`, `Exported ${rows} order lines to ${flags.out}`));
  }
  return EXIT_OK;
}

/** The file a command was given, or null (and the reason said) when it cannot be read. */
function readInput(file: string, locale: Locale): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    console.error(say(locale, `无法读取文件：${file}`, `Cannot read the file: ${file}`));
    return null;
  }
}

export async function ordersShipCommand(file: string, dataDir: string, locale: Locale): Promise<number> {
  const bytes = readInput(file, locale);
  if (!bytes) return EXIT_FAILED;
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    const outcome = await withConsoleProgress(locale, (progress) =>
      importShipping(studio.orders, bytes, CLI_ACTOR, progress),
    );
    for (const warning of outcome.warnings ?? []) console.error(formatIssue(warning, locale));
    const { shipped: n, skipped, failed } = outcome.summary as { shipped: number; skipped: number; failed: number };
    console.log(say(locale, `已发货 ${n} 个订单`, `${n} orders shipped`));
    if (skipped > 0)
      console.log(
        say(
          locale,
          `${skipped} 行未填写快递或已发货，保持不变`,
          `${skipped} rows left alone (no shipment, or already shipped)`,
        ),
      );
    // Refused by the platform (said above, by row): those orders are still paid; fix and run the file again.
    return failed > 0 ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    const issues = error.issues ?? [];
    console.error(
      error.code === 'import_invalid'
        ? messageFor('ship_invalid', locale, { count: issues.length })
        : messageFor(error.code, locale),
    );
    for (const issue of issues) console.error(`  ${formatIssue(issue, locale)}`);
    return EXIT_FAILED;
  } finally {
    await studio.close();
  }
}

/** `livecart orders import FILE`: a 微信小店 or 抖店 order export (xlsx or CSV) into the log, all or nothing. */
export async function ordersImportCommand(file: string, dataDir: string, locale: Locale): Promise<number> {
  const bytes = readInput(file, locale);
  if (!bytes) return EXIT_FAILED;
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    const outcome = await withConsoleProgress(locale, (progress) =>
      importOrderFile(
        { db: studio.db, writer: studio.writer, catalog: studio.catalog, platformOrders: studio.shop.platformOrders },
        bytes,
        progress,
      ),
    );
    const c = outcome.summary as {
      orders: number;
      created: number;
      updated: number;
      unchanged: number;
      products: number;
    };
    console.log(
      say(
        locale,
        `${c.orders} 个订单：新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}；新建商品 ${c.products}`,
        `${c.orders} orders: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged; ${c.products} products added`,
      ),
    );
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    const issues = error.issues ?? [];
    console.error(
      error.code === 'import_invalid'
        ? say(
            locale,
            `订单文件有 ${issues.length} 处错误，没有导入任何订单：`,
            `The order file has ${issues.length} problem(s); nothing was imported:`,
          )
        : messageFor(error.code, locale),
    );
    for (const issue of issues) console.error(`  ${formatIssue(issue, locale)}`);
    return EXIT_FAILED;
  } finally {
    await studio.close();
  }
}
