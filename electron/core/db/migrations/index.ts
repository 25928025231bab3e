// Every schema version in order. A new version is a new file here; shipped files never change.
import catalog from './0001-catalog.ts';
import live from './0002-live.ts';
import stream from './0003-stream.ts';
import orders from './0004-orders.ts';
import safety from './0005-safety.ts';
import skus from './0006-skus.ts';
import shop from './0007-shop.ts';
import recordings from './0008-recordings.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The step rebuilds tables others refer to (SQLite's way of changing a CHECK): it runs with foreign keys off, as
   * SQLite's ALTER TABLE guide says, and every reference is checked before the step commits.
   */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [catalog, live, stream, orders, safety, skus, shop, recordings];
