// Files on their way in: each connection's own, bounded per connection and per principal, gone when idle.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import { MAX_CSV_BYTES } from '../../electron/core/protocol/limits.ts';
import { MAX_OPEN_BYTES, MAX_OPEN_PER_CONNECTION, UploadStore } from '../../electron/core/uploads/upload-store.ts';

function why(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof StudioError, String(error));
    return error.issues?.[0]?.code ?? error.code;
  }
  return 'ok';
}

test('a file arrives in order, whole, and only the connection that sent it can take it', () => {
  const store = new UploadStore();
  const id = store.begin(1, 'host', 'csv', 'a.csv', 6);
  assert.equal(
    why(() => store.append(1, id, 3, Buffer.from('abc'))),
    'upload_offset',
  );
  store.append(1, id, 0, Buffer.from('abc'));
  assert.equal(
    why(() => store.take(1, id, 'csv')),
    'upload_incomplete',
  );
  assert.equal(
    why(() => store.append(2, id, 3, Buffer.from('def'))),
    'not_found',
    'another connection',
  );
  store.append(1, id, 3, Buffer.from('def'));
  assert.equal(
    why(() => store.take(1, id, 'image')),
    'bad_request',
  );
  assert.equal(store.take(1, id, 'csv').bytes.toString(), 'abcdef');
  assert.equal(
    why(() => store.take(1, id, 'csv')),
    'not_found',
    'taken once',
  );
});

test("one device's uploads, over all its connections, cannot use up what the host needs", () => {
  const store = new UploadStore();
  const perDevice = Math.floor(MAX_OPEN_BYTES / MAX_CSV_BYTES);
  // The device opens as many full-size CSVs as it may, from several connections.
  for (let i = 0; i < perDevice; i++) store.begin(10 + i, 'device:7', 'csv', `d${i}.csv`, MAX_CSV_BYTES);
  assert.equal(
    why(() => store.begin(99, 'device:7', 'csv', 'more.csv', MAX_CSV_BYTES)),
    'uploads_busy',
  );
  // The host and another device still have all of theirs.
  for (let i = 0; i < perDevice; i++) store.begin(1, 'host', 'csv', `h${i}.csv`, MAX_CSV_BYTES);
  store.begin(50, 'device:8', 'csv', 'other.csv', MAX_CSV_BYTES);
  // A connection's own count is bounded too, whoever it is.
  const small = new UploadStore();
  for (let i = 0; i < MAX_OPEN_PER_CONNECTION; i++) small.begin(1, 'host', 'image', `${i}.jpg`, 10);
  assert.equal(
    why(() => small.begin(1, 'host', 'image', 'x.jpg', 10)),
    'uploads_busy',
  );
  small.dropOwner(1);
  assert.equal(small.openCount(), 0, 'a connection that leaves takes its uploads');
});

test('an upload left idle expires, and its budget with it', () => {
  let now = 0;
  const store = new UploadStore(() => now);
  const stale = store.begin(1, 'device:7', 'csv', 'a.csv', MAX_OPEN_BYTES / 2);
  store.begin(1, 'device:7', 'csv', 'b.csv', MAX_OPEN_BYTES / 2);
  assert.equal(
    why(() => store.begin(2, 'device:7', 'image', 'c.jpg', 1)),
    'uploads_busy',
  );
  now += 11 * 60_000;
  assert.equal(
    why(() => store.append(1, stale, 0, Buffer.from('x'))),
    'not_found',
  );
  assert.equal(store.openCount(), 0);
  assert.equal(
    why(() => store.begin(2, 'device:7', 'image', 'c.jpg', 1)),
    'ok',
  );
});
