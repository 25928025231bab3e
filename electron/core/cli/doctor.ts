// `livecart doctor`: what this machine has for the studio, in one screen.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { locateFfmpeg } from '../ffmpeg/locate.ts';
import { chooseEncoder, probeFfmpeg, type EncoderChoice } from '../ffmpeg/probe.ts';
import { APP_VERSION } from '../system/app-version.ts';
import { electronRuntime } from '../system/electron-runtime.ts';
import path from 'node:path';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { checkDatabaseFile, latestBackup } from '../db/restore.ts';
import { DB_FILE } from '../db/connection.ts';

export interface DoctorReport {
  app: string;
  node: { version: string; ok: boolean };
  sqlite: { version: string | null; ok: boolean };
  ffmpeg: {
    path: string | null;
    source: string | null;
    version: string | null;
    ok: boolean;
    /** Of libx264, h264_nvenc, h264_qsv, h264_amf, h264_videotoolbox: the ones built in. */
    h264Encoders: string[];
    /** What a stream would use, after a trial encode of each hardware encoder found. */
    encoder: EncoderChoice | null;
  };
  electron: { installed: string | null; runtime: boolean };
  dataDir: { path: string; writable: boolean };
  /** The database's own check: `ok`, or what SQLite found (absent: no database yet), and the newest backup. */
  database: { path: string; exists: boolean; check: string | null; ok: boolean; latestBackup: string | null };
}

function databaseStatus(dataDir: string): DoctorReport['database'] {
  const file = path.join(dataDir, DB_FILE);
  const exists = fs.existsSync(file);
  const check = exists ? checkDatabaseFile(file) : null;
  return { path: file, exists, check, ok: !exists || check === 'ok', latestBackup: latestBackup(dataDir) };
}

function electronStatus(): DoctorReport['electron'] {
  const { version, binary } = electronRuntime();
  return { installed: version, runtime: binary !== null };
}

function writable(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function doctorReport(dataDir: string): Promise<DoctorReport> {
  let sqlite: string | null;
  try {
    const db = new Database(':memory:');
    sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
  } catch {
    sqlite = null; // the native module failed to load: report it instead of crashing
  }
  const found = locateFfmpeg();
  const probe = found ? await probeFfmpeg(found.path) : null;
  const version = probe?.version ?? null;
  const encoder = probe && version !== null ? await chooseEncoder(probe, true) : null;
  const major = Number(process.versions.node.split('.')[0]);
  return {
    app: APP_VERSION,
    node: { version: process.versions.node, ok: major >= 24 },
    sqlite: { version: sqlite, ok: sqlite !== null },
    ffmpeg: {
      path: found?.path ?? null,
      source: found?.source ?? null,
      version,
      ok: version !== null,
      h264Encoders: probe?.h264Encoders ?? [],
      encoder,
    },
    electron: electronStatus(),
    dataDir: { path: dataDir, writable: writable(dataDir) },
    database: databaseStatus(dataDir),
  };
}

function databaseLine(d: DoctorReport['database'], locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (!d.exists) return `– ${zh ? '数据库尚未创建' : 'No database yet'} (${d.path})`;
  if (d.ok) return `✓ ${zh ? '数据库完好' : 'Database intact'} (${d.path})`;
  const backup = d.latestBackup ?? '';
  return `✗ ${messageFor('db_corrupt', locale, { file: d.path, backup })}\n  ${d.check ?? ''}`;
}

function encoderLine(choice: EncoderChoice | null, zh: boolean): string {
  const label = zh ? '推流编码器' : 'Stream encoder';
  if (!choice?.encoder) return `✗ ${label}: ${zh ? '无可用的 H.264 编码器' : 'no usable H.264 encoder'}`;
  if (choice.hardware) return `✓ ${label}: ${choice.encoder} (${zh ? '硬件编码' : 'hardware'})`;
  if (choice.reason !== 'hardware-failed') return `✓ ${label}: ${choice.encoder}`;
  const failed = choice.failed.map((f) => `${f.encoder}: ${f.detail ?? '?'}`);
  return zh
    ? `✓ ${label}: ${choice.encoder}（硬件编码不可用，已改用 x264 — ${failed.join('；')}）`
    : `✓ ${label}: ${choice.encoder} (hardware encoding failed, fell back to x264 — ${failed.join('; ')})`;
}

function ffmpegAbilities(f: DoctorReport['ffmpeg'], zh: boolean): string[] {
  const built = f.h264Encoders.length > 0 ? f.h264Encoders.join(', ') : zh ? '无' : 'none';
  return [
    `${f.h264Encoders.length > 0 ? '✓' : '✗'} ${zh ? 'H.264 编码器（内置）' : 'H.264 encoders (built in)'}: ${built}`,
    encoderLine(f.encoder, zh),
  ];
}

export function formatDoctor(r: DoctorReport, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const lines = [
    `LiveCart Studio ${r.app}`,
    `${mark(r.node.ok)} Node.js ${r.node.version}${r.node.ok ? '' : zh ? '（需要 Node 24 LTS）' : ' (Node 24 LTS is required)'}`,
    `${mark(r.sqlite.ok)} SQLite ${r.sqlite.version ?? (zh ? '无法加载 better-sqlite3' : 'better-sqlite3 failed to load')}`,
    r.ffmpeg.ok
      ? `✓ ffmpeg ${r.ffmpeg.version} (${r.ffmpeg.source}: ${r.ffmpeg.path})`
      : `✗ ffmpeg ${zh ? '未找到：请安装 ffmpeg，或设置 FFMPEG_PATH' : 'not found: install ffmpeg or set FFMPEG_PATH'}`,
    ...(r.ffmpeg.ok ? ffmpegAbilities(r.ffmpeg, zh) : []),
    r.electron.runtime
      ? `✓ Electron ${r.electron.installed}`
      : `– Electron ${r.electron.installed ?? ''} ${zh ? '运行时不可用：npm start 将改用浏览器工作室' : 'runtime not available: npm start serves the browser studio instead'}`,
    `${mark(r.dataDir.writable)} ${zh ? '数据目录' : 'Data directory'} ${r.dataDir.path}`,
    databaseLine(r.database, locale),
  ];
  return lines.join('\n');
}
