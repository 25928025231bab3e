// Migrations on real SQLite files: fresh databases, reopening, all-or-nothing steps, and the future refusal.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { DatabaseFromFutureError, migrate, schemaVersion } from '../../electron/core/db/migrate.ts';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.ts';
import { openStudio, DB_FILE } from '../../electron/core/studio.ts';
import { tempDir } from '../support/studio-fixture.ts';

const LATEST = MIGRATIONS.at(-1)!.version;

test('a fresh database is migrated to the latest version with the agreed pragmas', () => {
  const db = openDatabase(path.join(tempDir(), 'a.db'));
  assert.equal(schemaVersion(db), LATEST);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous=FULL');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  const tables = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as {
    name: string;
    sql: string;
  }[];
  for (const t of tables) assert.match(t.sql, /\bSTRICT\b[^)]*$/, `${t.name} must be STRICT`);
  db.close();
});

test('versions are consecutive from 1, so user_version always names one schema', () => {
  MIGRATIONS.forEach((m, i) => assert.equal(m.version, i + 1));
});

test('reopening migrates nothing and keeps the data', () => {
  const file = path.join(tempDir(), 'b.db');
  const db = openDatabase(file);
  db.prepare(
    `INSERT INTO products (title, price_fen, stock, created_at, updated_at) VALUES ('茶叶', 100, 1, 0, 0)`,
  ).run();
  db.close();
  const again = new Database(file);
  assert.deepEqual(migrate(again), { from: LATEST, to: LATEST });
  assert.equal((again.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n, 1);
  again.close();
});

test('a failing step rolls back every pending step: the database stays at its old version', () => {
  const db = new Database(path.join(tempDir(), 'c.db'));
  const broken = [
    ...MIGRATIONS,
    { version: LATEST + 1, name: 'ok', sql: 'CREATE TABLE t1 (x INTEGER) STRICT;' },
    { version: LATEST + 2, name: 'bad', sql: 'CREATE TABLE oops (' },
  ];
  assert.throws(() => migrate(db, broken));
  assert.equal(schemaVersion(db), 0);
  const left = db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('products', 't1')`).get() as {
    n: number;
  };
  assert.equal(left.n, 0);
  db.close();
});

test('an older app refuses a database from the future, names both versions, and changes nothing', async () => {
  const dataDir = tempDir();
  const file = path.join(dataDir, DB_FILE);
  const db = new Database(file);
  db.exec('CREATE TABLE future_things (x INTEGER) STRICT');
  db.pragma(`user_version = ${LATEST + 5}`);
  db.close();
  const bytesBefore = fs.readFileSync(file);
  await assert.rejects(openStudio({ dataDir }), (error: unknown) => {
    assert.ok(error instanceof DatabaseFromFutureError);
    assert.equal(error.code, 'db_from_future');
    assert.equal(error.dbVersion, LATEST + 5);
    assert.equal(error.appVersion, LATEST);
    assert.match(error.message, /newer LiveCart Studio/);
    return true;
  });
  const check = new Database(file);
  assert.equal(schemaVersion(check), LATEST + 5);
  check.close();
  assert.deepEqual(fs.readFileSync(file), bytesBefore);
});
