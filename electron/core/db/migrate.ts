// Migrations keyed on `PRAGMA user_version`: all pending steps run in one transaction, so a database is
// always at one version or the previous one, never in between.
import type Database from 'better-sqlite3';
import { StudioError } from '../protocol/errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export class DatabaseFromFutureError extends StudioError {
  readonly dbVersion: number;
  readonly appVersion: number;
  constructor(dbVersion: number, appVersion: number) {
    super(
      'db_from_future',
      `This data was written by a newer LiveCart Studio (database version ${dbVersion}; this app knows up to ${appVersion}). ` +
        'Update LiveCart Studio to open it; nothing was changed.',
    );
    this.name = 'DatabaseFromFutureError';
    this.dbVersion = dbVersion;
    this.appVersion = appVersion;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Checked before anything else touches the file: even switching to WAL rewrites its header. */
export function refuseFutureDatabase(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const version = schemaVersion(db);
  if (version > latest) throw new DatabaseFromFutureError(version, latest);
}

export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  refuseFutureDatabase(db, migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  // Foreign keys cannot be switched inside a transaction: off before it when a step rebuilds a table, checked
  // inside it, back on after it whatever happened.
  const rebuilds = pending.some((m) => m.rebuildsTables);
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE takes the write lock up front, so two processes opening one data dir cannot both migrate.
    db.transaction(() => {
      for (const m of pending) {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
      const broken = rebuilds ? (db.pragma('foreign_key_check') as unknown[]) : [];
      if (broken.length > 0) throw new Error(`migration left ${broken.length} broken reference(s)`);
    }).immediate();
  } finally {
    if (rebuilds && keysWereOn) db.pragma('foreign_keys = ON');
  }
  return { from, to: latest };
}
