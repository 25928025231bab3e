// The last show's recording in a real SQLite file: remembered across a reopen (a restart, a crash), forgotten on
// request, and kept apart from the stream settings that share the meta table.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { StreamStore } from '../../electron/core/stream/stream-store.ts';

test('the last recording survives a reopen of the database and can be forgotten', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-stream-store-'));
  const dbFile = path.join(dir, 'livecart.db');
  // A Chinese user folder: the path goes in and out as it is.
  const recording = path.join('C:\\Users\\王小明\\LiveCart\\recordings', '2026-11-24_20-00-05.mp4');

  let db = openDatabase(dbFile);
  t.after(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  let store = new StreamStore(db);
  assert.equal(store.lastRecording(), null);
  const settings = { ...store.settings(), fps: 25 as const };
  store.setSettings(settings);
  store.setLastRecording(recording);

  db.close();
  db = openDatabase(dbFile);
  store = new StreamStore(db);
  assert.equal(store.lastRecording(), recording);
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  assert.deepEqual(row.get('stream_last_recording'), { value: recording });
  assert.deepEqual(store.settings(), settings);

  store.setLastRecording('/data/recordings/2026-11-25_19-30-00.mp4');
  assert.equal(store.lastRecording(), '/data/recordings/2026-11-25_19-30-00.mp4');

  store.setLastRecording(null);
  assert.equal(store.lastRecording(), null);
  assert.equal(row.get('stream_last_recording'), undefined);
  assert.deepEqual(store.settings(), settings);
});
