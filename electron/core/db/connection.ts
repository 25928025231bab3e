// Opens the studio database with the settings money needs: WAL, synchronous=FULL, foreign keys.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../protocol/errors.ts';
import { ownerOnly, tighten } from '../system/data-folder.ts';
import { migrate, refuseFutureDatabase } from './migrate.ts';
import { latestBackup } from './restore.ts';

export type Db = Database.Database;

/** The database's file in the data folder. */
export const DB_FILE = 'livecart.db';

/** SQLite's answers for a file that is damaged or no database at all. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** The database cannot be read: what to do, and the backup that can replace it. */
export class DatabaseCorruptError extends StudioError {
  readonly file: string;
  readonly backup: string;
  constructor(file: string, backup: string | null, detail: string) {
    super('db_corrupt', `the database ${file} is damaged (${detail})`);
    this.name = 'DatabaseCorruptError';
    this.file = file;
    this.backup = backup ?? '';
  }
}

export interface OpenOptions {
  /** Block on another process's write lock (CLI commands) instead of failing at once (the studio retries). */
  waitForLocks?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  // Owner-only from the first byte: SQLite gives the WAL and shared-memory files the database file's mode.
  if (!fs.existsSync(file)) fs.writeFileSync(file, '', ownerOnly);
  tighten(file);
  const db = new Database(file);
  try {
    // Opening may wait a moment for another process's write (switching to WAL and migrating need the lock)…
    db.pragma('busy_timeout = 5000');
    refuseFutureDatabase(db);
    db.pragma('journal_mode = WAL');
    // FULL: a committed order survives a power cut, not only a process crash. (The writer's group commit runs at
    // NORMAL and flushes the WAL itself, off the thread, before anyone is answered: db/writer.ts.)
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Every write is a savepoint inside the writer's group (db/writer.ts): their statement journals in memory, not
    // temporary files (measured: 2,455 → 3,549 orders/s for 20 writers). They are never needed after a crash: the WAL
    // is what recovers the database.
    db.pragma('temp_store = MEMORY');
    migrate(db);
    // …but after that the studio never waits on another process's lock inside SQLite (that would stop its one
    // thread, the stream's fan-out included): its writes are retried by the writer (db/writer.ts) instead. A CLI command
    // waits here (it has nothing else to do), long enough for a studio's bulk import to commit.
    db.pragma(`busy_timeout = ${options.waitForLocks ? 60_000 : 0}`);
    for (const suffix of ['-wal', '-shm']) tighten(file + suffix);
    return db;
  } catch (error) {
    db.close();
    if (isCorruption(error)) {
      throw new DatabaseCorruptError(file, latestBackup(path.dirname(file)), (error as Error).message);
    }
    throw error;
  }
}
