import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { answerRange } from '../../electron/core/host/byte-range.ts';
import { MEDIA_TICKET_MS, MediaTickets } from '../../electron/core/media/media-tickets.ts';
import { resolvedPath, storedPath } from '../../electron/core/system/data-folder.ts';

const DATA = path.resolve('/data/livecart');
const KEY = Buffer.alloc(32, 3);

test('a media ticket opens its clip until it expires, and nothing else', () => {
  let now = 1_000_000;
  const tickets = new MediaTickets(KEY, DATA, () => now);
  const clip = path.join(DATA, 'clips', '2026-12-02 秋茶专场 3号 福鼎白茶.mp4');
  const url = tickets.url(clip) ?? assert.fail('a clip gets a ticket');
  assert.ok(url.startsWith('/media/'));
  assert.equal(tickets.openPath(url), clip);
  assert.equal(tickets.open(url.slice('/media/'.length)), clip);
  // Another launch's key, or a changed character, opens nothing.
  assert.equal(new MediaTickets(Buffer.alloc(32, 4), DATA, () => now).openPath(url), null);
  const flipped = url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A');
  assert.equal(tickets.openPath(flipped), null);
  assert.equal(tickets.openPath(`${url}.x`), null);
  assert.equal(tickets.openPath('/media/'), null);
  assert.equal(tickets.openPath('/assets/x.js'), null);
  now += MEDIA_TICKET_MS;
  assert.equal(tickets.openPath(url), clip, 'good to its last millisecond');
  now += 1;
  assert.equal(tickets.openPath(url), null, 'expired');
});

test('only the clips folder is ever given a ticket: not the database, not a file outside the data folder', () => {
  const tickets = new MediaTickets(KEY, DATA);
  for (const file of [
    path.join(DATA, 'livecart.db'),
    path.join(DATA, 'recordings', 'show.mp4'),
    path.join(DATA, 'clips', 'sub', 'x.mp4'),
    path.join(DATA, 'clips', '.cutting-1.mp4'),
    path.resolve('/etc/passwd'),
    path.join(DATA, '..', 'clips', 'x.mp4'),
  ]) {
    assert.equal(tickets.issue(file), null, file);
  }
  assert.throws(() => new MediaTickets(Buffer.alloc(16), DATA), /32 bytes/);
  // Signed with the right key but naming another file: the folder is checked on opening too.
  const forged = (relative: string) => {
    const payload = Buffer.from(`${Date.now() + 60_000}:${relative}`).toString('base64url');
    return `${payload}.${crypto.createHmac('sha256', KEY).update(payload).digest('base64url')}`;
  };
  assert.equal(tickets.open(forged('clips/a.mp4')), path.join(DATA, 'clips', 'a.mp4'), 'the forging is right');
  for (const relative of ['livecart.db', 'clips/../livecart.db', '../x/clips/a.mp4', 'clips/.cutting-1.mp4']) {
    assert.equal(tickets.open(forged(relative)), null, relative);
  }
});

test('range requests: one range served, the rest as the RFC says', () => {
  const size = 1000;
  assert.deepEqual(answerRange(undefined, size), {
    status: 200,
    start: 0,
    end: 999,
    headers: { 'accept-ranges': 'bytes', 'content-length': '1000' },
  });
  const part = (h: string) => {
    const a = answerRange(h, size);
    return a.status === 206 ? [a.start, a.end, a.headers['content-range'], a.headers['content-length']] : a.status;
  };
  assert.deepEqual(part('bytes=0-99'), [0, 99, 'bytes 0-99/1000', '100']);
  assert.deepEqual(part('bytes=900-'), [900, 999, 'bytes 900-999/1000', '100']);
  assert.deepEqual(part('bytes=-10'), [990, 999, 'bytes 990-999/1000', '10']);
  assert.deepEqual(part('bytes=-5000'), [0, 999, 'bytes 0-999/1000', '1000'], 'a suffix longer than the file');
  assert.deepEqual(part('bytes=500-5000'), [500, 999, 'bytes 500-999/1000', '500'], 'an end past the file');
  assert.equal(part('bytes=1000-'), 416);
  assert.equal(part('bytes=2000-3000'), 416, 'a start past the end, whatever the end');
  assert.equal(part('bytes=-0'), 416);
  assert.equal(answerRange('bytes=1000-', size).headers['content-range'], 'bytes */1000');
  // What a server may ignore: several ranges, other units, nonsense, a backwards range.
  for (const header of ['bytes=0-1,5-6', 'items=0-1', 'bytes=x-y', 'bytes=-', 'bytes=9-3']) {
    assert.equal(part(header), 200, header);
  }
});

test('files the studio keeps: stored relative to the data folder, and rows from before (absolute) read as they are', () => {
  const data = path.resolve('/srv/livecart');
  assert.equal(storedPath(data, path.join(data, 'clips', '1号.mp4')), 'clips/1号.mp4');
  assert.equal(resolvedPath(data, 'clips/1号.mp4'), path.join(data, 'clips', '1号.mp4'));
  const elsewhere = path.resolve('/media/usb/recordings/show.mp4');
  assert.equal(storedPath(data, elsewhere), elsewhere, 'a recordings folder chosen elsewhere stays absolute');
  assert.equal(resolvedPath(data, elsewhere), elsewhere);
  // A row written before paths were stored relative: an absolute path in the data folder, read back unchanged.
  assert.equal(resolvedPath(data, path.join(data, 'clips', 'old.mp4')), path.join(data, 'clips', 'old.mp4'));
});
