#!/usr/bin/env node
// The `livecart` command: the studio core without a window.
import { parseArgs } from 'node:util';
import {
  cliLocale,
  EXIT_FAILED,
  EXIT_USAGE,
  parseExportFormat,
  parsePort,
  resolveDataDir,
  UsageError,
} from './cli/args.ts';
import { doctorReport, formatDoctor } from './cli/doctor.ts';
import { ordersExportCommand, ordersImportCommand, ordersShipCommand } from './cli/orders.ts';
import { exportCommand, importCommand } from './cli/products.ts';
import { serveCommand } from './cli/serve.ts';
import { shopCommand } from './cli/shop.ts';
import { clipsCommand } from './cli/clips.ts';
import { streamCommand } from './cli/stream.ts';
import { DEFAULT_LAN_HOST, DEFAULT_LAN_PORT } from './host/lan-host.ts';
import { DEFAULT_OVERLAY_PORT } from './host/overlay-host.ts';
import { backupDatabase } from './db/backup.ts';
import { DatabaseFromFutureError } from './db/migrate.ts';
import { DatabaseCorruptError } from './db/connection.ts';
import { restoreCommand } from './cli/restore.ts';
import { diskFullError, StudioError } from './protocol/errors.ts';
import { FolderBusyError, StudioRunningError } from './system/studio-lock.ts';
import { openStudio } from './studio.ts';
import { messageFor, type Locale } from './protocol/messages.ts';

const USAGE_EN = `Usage: livecart <command> [options]

Commands:
  serve [--port N] [--host H]        the browser studio (default 127.0.0.1, a random port)
        [--lan-host H] [--lan-port N] where assistant access listens while it is on (default 0.0.0.0:17880)
        [--overlay-port N]            where the OBS overlay page listens, on loopback (default 17881)
  products import FILE               import products from .xlsx or CSV (GBK or UTF-8); all or nothing
  products export [--out FILE]       export products (stdout without --out)
                  [--archived] [--format csv|xlsx]  (default: xlsx when FILE ends in .xlsx, else CSV)
  orders export [--out FILE]         export orders, one row per order line (stdout without --out)
                [--session ID] [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] (--to includes that day)
                [--header zh|en]     the header's language (default: the user's language)
                [--format csv|xlsx]  (default: xlsx when FILE ends in .xlsx, else CSV)
  orders ship FILE                   batch shipping from .xlsx or CSV (order_no, carrier, tracking_no); rows
                                     without a carrier and tracking number are left alone
  orders import FILE                 a 微信小店 or 抖店 order export (xlsx or CSV) into the log; all or nothing
  clips list|cut|export              a show's explanation clips (讲解回放), the last show's without --session:
        [--session ID] [--exact]     list them, cut them (copying the streams, from the keyframe before; --exact
        [--join] [--vertical]        re-encodes to the frame; --join makes one clip per product), or copy them
        [--out DIR]                  (cut first if need be) to --out
  clips reel --session ID --out FILE the show's long video (合集): every explanation, or --segments 3,1,2 in that
        [--max 30m] [--segments IDS] order, at most --max (default 30m, 视频号's limit); its chapters and product
        [--lower-third] [--exact]    links printed and written beside FILE (.txt); --lower-third draws the product
                                     and its price over its part (re-encoded)
  shop connect --app-id WX…          connect the 微信小店 (AppSecret on stdin or in $LIVECART_WXSHOP_SECRET)
  shop sync [--products] [--orders]  bring the shop's products and orders in (both by default); orders since the
            [--since YYYY-MM-DD]     last sync, or since that day
  shop status [--json]               the connection, the last syncs and how they ended
  shop disconnect                    forget the AppID and AppSecret (what was synced stays)
  stream --test-pattern --to SERVER  go live without a window (rehearsals, scripted checks); each --to is a
         [--key-file FILE]           server address (rtmp://host/app), its key read from --key-file (one per
                                     --to, in order) or $LIVECART_STREAM_KEY, never from the command line
         [--to SERVER --key-file FILE …] [--record FILE] [--size 1280x720] [--fps 30] [--bitrate 2500k]
         [--duration SECONDS] [--low-latency]
         [--overlay]                 composite the studio's overlay from --data-dir's live show (it follows the
                                     studio's changes as they are made)
  backup                             a consistent copy of the database into DATA_DIR/backups
  restore [FILE]                     replace a damaged database with a backup (the latest by default);
                                     the damaged file is kept beside it
  doctor                             check Node, SQLite, ffmpeg, the Electron runtime, the database

Every command takes --data-dir DIR (default: the desktop app's data folder, or $LIVECART_DATA_DIR).
Language: Chinese on a Chinese system, English otherwise; LIVECART_LANG=zh-CN|en overrides.`;

const USAGE_ZH = `用法：livecart <命令> [选项]

命令：
  serve [--port N] [--host H]        浏览器版工作室（默认 127.0.0.1，随机端口）
        [--lan-host H] [--lan-port N] 助理访问开启时的监听地址（默认 0.0.0.0:17880）
        [--overlay-port N]            OBS 叠加层页面的端口，仅本机（默认 17881）
  products import FILE               从 .xlsx 或 CSV（GBK 或 UTF-8）导入商品，全部成功或全部不导入
  products export [--out FILE]       导出商品（不加 --out 则输出到标准输出）
                  [--archived] [--format csv|xlsx]（默认：FILE 以 .xlsx 结尾时为 xlsx，否则 CSV）
  orders export [--out FILE]         导出订单，每个商品一行（不加 --out 则输出到标准输出）
                [--session ID] [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]（--to 包含当天）
                [--header zh|en]     表头语言（默认跟随系统语言）
                [--format csv|xlsx]  （默认：FILE 以 .xlsx 结尾时为 xlsx，否则 CSV）
  orders ship FILE                   从 .xlsx 或 CSV 批量发货（订单号、快递公司、快递单号）；没填快递公司和
                                     快递单号的行保持不变
  orders import FILE                 导入微信小店或抖店导出的订单文件（xlsx 或 CSV），全部成功或全部不导入
  clips list|cut|export              一场直播的讲解回放（不写 --session 即最近一场）：列出、剪辑（默认直接复制
        [--session ID] [--exact]     画面，从前一个关键帧开始；--exact 重新编码，精确到帧；--join 同一商品合成
        [--join] [--vertical]        一段），或复制到 --out 文件夹（还没剪辑的先剪辑）；--vertical 把横屏裁成竖屏
        [--out DIR]
  clips reel --session ID --out FILE 整场合集视频：全部讲解，或按 --segments 3,1,2 的顺序，最长 --max（默认 30m，
        [--max 30m] [--segments IDS] 视频号上限）；章节（时间戳 + 商品名）和商品链接打印出来，并写在 FILE 旁的
        [--lower-third] [--exact]    .txt 里；--lower-third 在画面下方加上商品名和价格
  shop connect --app-id WX…          连接微信小店（AppSecret 从标准输入或 $LIVECART_WXSHOP_SECRET 读取）
  shop sync [--products] [--orders]  同步小店的商品和订单（默认两者）；订单从上次同步处继续，或从指定日期开始
            [--since YYYY-MM-DD]
  shop status [--json]               连接状态、上次同步及结果
  shop disconnect                    删除保存的 AppID 和 AppSecret（已同步的内容保留）
  stream --test-pattern --to SERVER  不开窗口直接推流（彩排、脚本检查）；--to 是推流服务器地址（rtmp://host/app），
         [--key-file FILE]           密钥从 --key-file（每个 --to 一个，按顺序）或环境变量 LIVECART_STREAM_KEY 读取，
                                     绝不写在命令行上
         [--to SERVER --key-file FILE …] [--record FILE] [--size 1280x720] [--fps 30] [--bitrate 2500k]
         [--duration SECONDS] [--low-latency]
         [--overlay]                 叠加工作室的画面（商品卡、优惠券、滚动字幕），跟随 --data-dir 中正在直播的场次
  backup                             把数据库完整复制一份到 DATA_DIR/backups
  restore [FILE]                     用备份替换损坏的数据库（默认最近一次备份），损坏的文件会保留
  doctor                             检查 Node、SQLite、ffmpeg、Electron 运行环境和数据库

每个命令都接受 --data-dir DIR（默认：桌面版的数据文件夹，或 $LIVECART_DATA_DIR）。
语言：中文系统显示中文，其他显示英文；可用 LIVECART_LANG=zh-CN|en 指定。`;

const usage = (locale: Locale) => (locale === 'zh-CN' ? USAGE_ZH : USAGE_EN);

async function main(argv: string[]): Promise<number> {
  // Whatever this process and its ffmpeg children create is owner-only (exports to --out, recordings, thumbnails).
  if (process.platform !== 'win32') process.umask(0o077);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'lan-host': { type: 'string' },
      'lan-port': { type: 'string' },
      'overlay-port': { type: 'string' },
      out: { type: 'string' },
      archived: { type: 'boolean' },
      session: { type: 'string' },
      status: { type: 'string' },
      from: { type: 'string' },
      header: { type: 'string' },
      format: { type: 'string' },
      exact: { type: 'boolean' },
      join: { type: 'boolean' },
      vertical: { type: 'boolean' },
      'lower-third': { type: 'boolean' },
      max: { type: 'string' },
      segments: { type: 'string' },
      json: { type: 'boolean' },
      'test-pattern': { type: 'boolean' },
      size: { type: 'string' },
      fps: { type: 'string' },
      bitrate: { type: 'string' },
      to: { type: 'string', multiple: true },
      'key-file': { type: 'string', multiple: true },
      record: { type: 'string' },
      duration: { type: 'string' },
      'low-latency': { type: 'boolean' },
      overlay: { type: 'boolean' },
      'app-id': { type: 'string' },
      products: { type: 'boolean' },
      orders: { type: 'boolean' },
      since: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const locale = cliLocale();
  const dataDir = resolveDataDir(values['data-dir']);
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(usage(locale));
    return values.help ? 0 : EXIT_USAGE;
  }
  switch (command) {
    case 'serve': {
      const port = parsePort('--port', values.port, 0);
      const lan = {
        host: values['lan-host'] ?? DEFAULT_LAN_HOST,
        port: parsePort('--lan-port', values['lan-port'], DEFAULT_LAN_PORT),
      };
      const overlayPort = parsePort('--overlay-port', values['overlay-port'], DEFAULT_OVERLAY_PORT);
      await serveCommand({ dataDir, host: values.host ?? '127.0.0.1', port, lan, overlayPort }, locale);
      return -1; // keeps running until a signal
    }
    case 'products':
      if (sub === 'import') {
        if (!arg) throw new UsageError('products import needs a FILE');
        return importCommand(arg, dataDir, locale);
      }
      if (sub === 'export') {
        const format = parseExportFormat(values.format, values.out, locale);
        return exportCommand(values.out, dataDir, locale, values.archived ?? false, format);
      }
      throw new UsageError(`unknown products command: ${sub ?? '(none)'}`);
    case 'orders':
      if (sub === 'export') {
        const { session, status, from, to, header, out } = values;
        const format = parseExportFormat(values.format, out, locale);
        return ordersExportCommand({ session, status, from, to, header, out, format }, dataDir, locale);
      }
      if (sub === 'import') {
        if (!arg)
          throw new UsageError(locale === 'zh-CN' ? 'orders import 需要一个文件' : 'orders import needs a FILE');
        return ordersImportCommand(arg, dataDir, locale);
      }
      if (sub === 'ship') {
        if (!arg) throw new UsageError(locale === 'zh-CN' ? 'orders ship 需要一个文件' : 'orders ship needs a FILE');
        return ordersShipCommand(arg, dataDir, locale);
      }
      throw new UsageError(`unknown orders command: ${sub ?? '(none)'}`);
    case 'clips': {
      const { session, exact, join, vertical, out, max, segments } = values;
      const flags = { session, exact, join, vertical, out, max, segments, lowerThird: values['lower-third'] };
      return clipsCommand(sub, flags, dataDir, locale);
    }
    case 'shop': {
      const { products, orders, since, json } = values;
      return shopCommand(sub, { appId: values['app-id'], products, orders, since, json }, dataDir, locale);
    }
    case 'stream':
      return streamCommand(
        {
          testPattern: values['test-pattern'] ?? false,
          size: values.size,
          fps: values.fps,
          bitrate: values.bitrate,
          to: values.to ?? [],
          keyFiles: values['key-file'] ?? [],
          record: values.record,
          duration: values.duration,
          lowLatency: values['low-latency'] ?? false,
          overlay: values.overlay ?? false,
        },
        dataDir,
        locale,
      );
    case 'backup': {
      const studio = await openStudio({ dataDir, exclusive: false });
      try {
        console.log(await backupDatabase(studio.db, studio.dataDir));
      } finally {
        await studio.close();
      }
      return 0;
    }
    case 'restore':
      return restoreCommand(sub, dataDir, locale);
    case 'doctor': {
      const report = await doctorReport(dataDir);
      console.log(values.json ? JSON.stringify(report, null, 2) : formatDoctor(report, locale));
      return report.node.ok && report.sqlite.ok && report.database.ok ? 0 : EXIT_FAILED;
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${usage(cliLocale())}`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof DatabaseFromFutureError) {
      console.error(
        messageFor('db_from_future', cliLocale(), { dbVersion: error.dbVersion, appVersion: error.appVersion }),
      );
      process.exitCode = EXIT_FAILED;
    } else if (error instanceof DatabaseCorruptError) {
      console.error(messageFor('db_corrupt', cliLocale(), { file: error.file, backup: error.backup }));
      process.exitCode = EXIT_FAILED;
    } else if (error instanceof FolderBusyError) {
      console.error(messageFor(error.issues![0]!.code, cliLocale(), { dataDir: error.dataDir }));
      process.exitCode = EXIT_FAILED;
    } else if (error instanceof StudioRunningError) {
      console.error(messageFor('studio_running', cliLocale(), { dataDir: error.dataDir, pid: error.pid }));
      process.exitCode = EXIT_FAILED;
    } else if (diskFullError(error) || (error as StudioError).code === 'disk_full') {
      console.error(messageFor('disk_full', cliLocale()));
      process.exitCode = EXIT_FAILED;
    } else if (error instanceof StudioError && error.issues?.[0]) {
      // A refusal that says why (an export too long for one Excel sheet): the why, in the user's language.
      const issue = error.issues[0];
      console.error(messageFor(issue.code, cliLocale(), issue.params));
      process.exitCode = EXIT_FAILED;
    } else {
      console.error(error);
      process.exitCode = EXIT_FAILED;
    }
  },
);
