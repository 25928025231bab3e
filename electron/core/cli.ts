#!/usr/bin/env node
// The `livecart` command: the studio core without a window.
import { parseArgs } from 'node:util';
import { cliLocale, EXIT_FAILED, EXIT_USAGE, parsePort, resolveDataDir, UsageError } from './cli/args.ts';
import { doctorReport, formatDoctor } from './cli/doctor.ts';
import { exportCommand, importCommand } from './cli/products.ts';
import { serveCommand } from './cli/serve.ts';
import { streamCommand } from './cli/stream.ts';
import { DEFAULT_LAN_HOST, DEFAULT_LAN_PORT } from './host/lan-host.ts';
import { backupDatabase } from './db/backup.ts';
import { DatabaseFromFutureError } from './db/migrate.ts';
import { openStudio } from './studio.ts';
import { messageFor } from './protocol/messages.ts';

const USAGE = `Usage: livecart <command> [options]

Commands:
  serve [--port N] [--host H]        the browser studio (default 127.0.0.1, a random port)
        [--lan-host H] [--lan-port N] where assistant access listens while it is on (default 0.0.0.0:17880)
  products import FILE               import products from CSV (GBK or UTF-8); all or nothing
  products export [--out FILE]       export products as CSV for Excel (stdout without --out)
                  [--archived]
  stream --test-pattern --to URL     go live without a window (rehearsals, scripted checks):
         [--to URL …] [--record FILE] [--size 1280x720] [--fps 30] [--bitrate 2500k]
         [--duration SECONDS] [--low-latency]
  backup                             a consistent copy of the database into DATA_DIR/backups
  doctor                             check Node, SQLite, ffmpeg, the Electron runtime

Every command takes --data-dir DIR (default: the desktop app's data folder, or $LIVECART_DATA_DIR).
Language: Chinese on a Chinese system, English otherwise; LIVECART_LANG=zh-CN|en overrides.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'lan-host': { type: 'string' },
      'lan-port': { type: 'string' },
      out: { type: 'string' },
      archived: { type: 'boolean' },
      json: { type: 'boolean' },
      'test-pattern': { type: 'boolean' },
      size: { type: 'string' },
      fps: { type: 'string' },
      bitrate: { type: 'string' },
      to: { type: 'string', multiple: true },
      record: { type: 'string' },
      duration: { type: 'string' },
      'low-latency': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const locale = cliLocale();
  const dataDir = resolveDataDir(values['data-dir']);
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : EXIT_USAGE;
  }
  switch (command) {
    case 'serve': {
      const port = parsePort('--port', values.port, 0);
      const lan = {
        host: values['lan-host'] ?? DEFAULT_LAN_HOST,
        port: parsePort('--lan-port', values['lan-port'], DEFAULT_LAN_PORT),
      };
      await serveCommand({ dataDir, host: values.host ?? '127.0.0.1', port, lan }, locale);
      return -1; // keeps running until a signal
    }
    case 'products':
      if (sub === 'import') {
        if (!arg) throw new UsageError('products import needs a FILE');
        return importCommand(arg, dataDir, locale);
      }
      if (sub === 'export') return exportCommand(values.out, dataDir, locale, values.archived ?? false);
      throw new UsageError(`unknown products command: ${sub ?? '(none)'}`);
    case 'stream':
      return streamCommand(
        {
          testPattern: values['test-pattern'] ?? false,
          size: values.size,
          fps: values.fps,
          bitrate: values.bitrate,
          to: values.to ?? [],
          record: values.record,
          duration: values.duration,
          lowLatency: values['low-latency'] ?? false,
        },
        locale,
      );
    case 'backup': {
      const studio = await openStudio({ dataDir });
      try {
        console.log(await backupDatabase(studio.db, studio.dataDir));
      } finally {
        await studio.close();
      }
      return 0;
    }
    case 'doctor': {
      const report = await doctorReport(dataDir);
      console.log(values.json ? JSON.stringify(report, null, 2) : formatDoctor(report, locale));
      return report.node.ok && report.sqlite.ok ? 0 : EXIT_FAILED;
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
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof DatabaseFromFutureError) {
      console.error(
        messageFor('db_from_future', cliLocale(), { dbVersion: error.dbVersion, appVersion: error.appVersion }),
      );
      process.exitCode = EXIT_FAILED;
    } else {
      console.error(error);
      process.exitCode = EXIT_FAILED;
    }
  },
);
