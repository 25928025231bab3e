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
  // IMMEDIATE takes the write lock up front, so two processes opening one data dir cannot both migrate.
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
