// Every kind of bad payload gets a clear error reply and changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';

let run: Running;
let client: TestClient;

before(async () => {
  run = await runStudio();
  client = await TestClient.connect(run.host.port, run.host.token);
  await client.call('studio.hello', { client: 'test' });
  await client.call('catalog.create', { input: { title: '保温杯', priceFen: 5900, stock: 10, sku: 'CUP-1' } });
});
after(async () => {
  client.close();
  await run.stop();
});

function snapshot() {
  return run.studio.db.prepare('SELECT id, title, price_fen, stock, sku, version FROM products ORDER BY id').all();
}

async function expectError(params: unknown, method: string, code: string) {
  const before = snapshot();
  const id = Math.floor(Math.random() * 1e9);
  await assert.rejects(client.raw({ type: 'request', id, method, params }), (error: unknown) => {
    assert.ok(error instanceof CallFailed, String(error));
    assert.equal(error.error.code, code, JSON.stringify(error.error));
    assert.ok(error.error.message.length > 0);
    return true;
  });
  assert.deepEqual(snapshot(), before, 'a refused request must change nothing');
}

const cases: Array<[string, string, unknown, string]> = [
  ['unknown method', 'catalog.explode', {}, 'unknown_method'],
  ['params not an object', 'catalog.create', 'hello', 'bad_request'],
  ['params an array', 'catalog.create', [1, 2], 'bad_request'],
  ['missing input', 'catalog.create', {}, 'bad_request'],
  ['price as string', 'catalog.create', { input: { title: 'x', priceFen: '99.9', stock: 1 } }, 'bad_request'],
  ['fractional fen', 'catalog.create', { input: { title: 'x', priceFen: 99.5, stock: 1 } }, 'bad_request'],
  ['negative price', 'catalog.create', { input: { title: 'x', priceFen: -1, stock: 1 } }, 'bad_request'],
  ['huge price', 'catalog.create', { input: { title: 'x', priceFen: 1e16, stock: 1 } }, 'bad_request'],
  ['NaN-like stock', 'catalog.create', { input: { title: 'x', priceFen: 1, stock: null } }, 'bad_request'],
  ['negative stock', 'catalog.create', { input: { title: 'x', priceFen: 1, stock: -3 } }, 'bad_request'],
  ['unknown field', 'catalog.create', { input: { title: 'x', priceFen: 1, stock: 1, admin: true } }, 'bad_request'],
  [
    'prototype pollution key',
    'catalog.create',
    JSON.parse('{"input":{"title":"x","priceFen":1,"stock":1,"__proto__":{"a":1}}}'),
    'bad_request',
  ],
  ['title too long', 'catalog.create', { input: { title: 'x'.repeat(201), priceFen: 1, stock: 1 } }, 'bad_request'],
  ['blank title', 'catalog.create', { input: { title: '   ', priceFen: 1, stock: 1 } }, 'invalid'],
  [
    'original below price',
    'catalog.create',
    { input: { title: 'x', priceFen: 500, originalPriceFen: 400, stock: 1 } },
    'invalid',
  ],
  ['duplicate sku', 'catalog.create', { input: { title: 'x', priceFen: 1, stock: 1, sku: 'CUP-1' } }, 'invalid'],
  [
    'bad link',
    'catalog.create',
    { input: { title: 'x', priceFen: 1, stock: 1, link: 'javascript:alert(1)' } },
    'invalid',
  ],
  [
    'unknown image',
    'catalog.create',
    { input: { title: 'x', priceFen: 1, stock: 1, imageId: 'a'.repeat(64) } },
    'invalid',
  ],
  ['id zero', 'catalog.get', { id: 0 }, 'bad_request'],
  ['id string', 'catalog.get', { id: '1' }, 'bad_request'],
  ['missing product', 'catalog.get', { id: 999 }, 'not_found'],
  ['stale version', 'catalog.update', { id: 1, expectedVersion: 7, patch: { stock: 1 } }, 'conflict'],
  ['update without version', 'catalog.update', { id: 1, patch: { stock: 1 } }, 'bad_request'],
  ['list limit too big', 'catalog.list', { limit: 100000 }, 'bad_request'],
  ['bad sort', 'catalog.list', { sort: 'DROP TABLE' }, 'bad_request'],
  ['not base64', 'uploads.append', { uploadId: 'abcdefgh', offset: 0, dataBase64: '<<not base64>>' }, 'bad_request'],
  ['an upload never begun', 'catalog.uploadImage', { uploadId: 'abcdefghijkl' }, 'not_found'],
  ['a path instead of an upload', 'catalog.importFile', { uploadId: '/etc/passwd' }, 'bad_request'],
  ['bad image id', 'catalog.thumbnail', { imageId: '../../etc/passwd' }, 'bad_request'],
  ['unknown job', 'jobs.result', { id: 'nope' }, 'not_found'],
];

for (const [name, method, params, code] of cases) {
  test(`refuses ${name} with ${code}`, () => expectError(params, method, code));
}

test('a stale update reports the current product so the client can show what changed', async () => {
  const [current] = (await client.call('catalog.list', {})).items;
  assert.ok(current);
  await assert.rejects(
    client.call('catalog.update', { id: current.id, expectedVersion: current.version + 5, patch: {} }),
    (e: CallFailed) => {
      assert.equal(e.error.code, 'conflict');
      assert.deepEqual(e.error.current, current);
      return true;
    },
  );
});

test('field issues name the field and a message code', async () => {
  await assert.rejects(
    client.call('catalog.create', { input: { title: 'x', priceFen: 500, originalPriceFen: 400, stock: 1 } }),
    (e: CallFailed) => {
      assert.deepEqual(e.error.issues, [{ path: 'originalPriceFen', code: 'original_below_price' }]);
      return true;
    },
  );
});

test('malformed envelopes are answered, not dropped', async () => {
  const before = client.replies.length;
  client.sendText('this is not json');
  client.sendText(JSON.stringify({ type: 'request', id: 'seven', method: 'catalog.list' }));
  client.sendText(JSON.stringify({ type: 'subscribe-everything' }));
  client.sendText(Buffer.from([0, 1, 2, 3]));
  await client.until(() => client.replies.length >= before + 4);
  const replies = client.replies.slice(before);
  for (const reply of replies) {
    assert.equal(reply.type === 'reply' && !reply.ok && reply.error.code, 'bad_request');
    assert.equal(reply.type === 'reply' && reply.id, null);
  }
  // The connection still works afterwards.
  const list = await client.call('catalog.list', {});
  assert.equal(list.total, 1);
});
