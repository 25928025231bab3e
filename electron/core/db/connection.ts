// Opens the studio database with the settings money needs: WAL, synchronous=FULL, foreign keys.
import Database from 'better-sqlite3';
import { migrate, refuseFutureDatabase } from './migrate.ts';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    refuseFutureDatabase(db);
    db.pragma('journal_mode = WAL');
    // FULL: a committed order survives a power cut, not only a process crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // A CLI import next to a running studio waits for the lock instead of failing at once.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
