// POST /api/orders over real HTTP on loopback: the host's listener with the host token, and the LAN listener
// with a paired device's token. Idempotency, every kind of bad request, and what the order history records.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachLan } from '../../electron/core/host/lan-host.ts';
import { startWebHost, type WebHost } from '../../electron/core/host/web-host.ts';
import type { Product } from '../../electron/core/protocol/contract.ts';
import { openStudio, type Studio } from '../../electron/core/studio.ts';
import { TestClient } from '../support/ws-client.ts';
import { tempDir } from '../support/studio-fixture.ts';

let studio: Studio;
let web: WebHost;
let host: TestClient;
let rice: Product;
let honey: Product;

before(async () => {
  const rendererDir = tempDir('livecart-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  studio = await openStudio({ dataDir: tempDir() });
  web = await startWebHost(studio, { port: 0, rendererDir });
  await attachLan(studio, { host: '127.0.0.1', port: 0, rendererDir });
  host = await TestClient.connect(web.port, web.token);
  rice = await host.call('catalog.create', {
    input: { title: '东北大米 5kg', priceFen: 5990, stock: 10, sku: 'A-01' },
  });
  honey = await host.call('catalog.create', { input: { title: '野生蜂蜜', priceFen: 3900, stock: 1, sku: 'B-02' } });
  const show = await host.call('live.createSession', { input: { title: '周末专场' } });
  await host.call('live.bagAdd', { sessionId: show.id, productId: rice.id });
  await host.call('live.bagAdd', { sessionId: show.id, productId: honey.id });
  await host.call('live.goLive', { id: show.id });
});
after(async () => {
  host.close();
  await web.close();
  await studio.close();
});

interface Answer {
  status: number;
  body: { order_no?: string; error?: { code: string; message: string; fields?: string[] } } & Record<string, unknown>;
}

async function post(
  body: unknown,
  { token = web.token, port = web.port, headers = {} as Record<string, string>, method = 'POST' } = {},
): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}/api/orders`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const stock = async (p: Product) => (await host.call('catalog.get', { id: p.id })).stock;

test('201 with the order: number, amounts in fen, the live session; the same key again creates nothing', async () => {
  const body = { key: 'bot-001', link_no: 1, quantity: 2, buyer: '小王', phone: '13800000000', note: '评论区' };
  const first = await post(body);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.match(first.body.order_no!, /^\d{6}-\d{3,}$/);
  assert.equal(first.body.subtotal_fen, 11980);
  assert.equal(first.body.paid_fen, 11980);
  assert.equal(first.body.status, 'pending');
  assert.deepEqual(first.body.lines, [
    {
      link_no: 1,
      sku: 'A-01',
      product: '东北大米 5kg',
      spec: '',
      unit_price_fen: 5990,
      quantity: 2,
      discount_fen: 0,
      paid_fen: 11980,
    },
  ]);
  assert.equal(await stock(rice), 8);
  const again = await post(body);
  assert.equal(again.status, 201);
  assert.deepEqual(again.body, first.body);
  assert.equal(await stock(rice), 8);
  assert.equal((await host.call('orders.list', { filter: { buyer: '小王' } })).total, 1);

  const id = first.body.id as number;
  const { history } = await host.call('orders.get', { id });
  assert.deepEqual(
    history.map((h) => [h.to, h.role, h.client]),
    [['pending', 'host', 'api']],
  );
});

test('by SKU too; out of stock is 409 with a message that says so, in the language asked for', async () => {
  const ok = await post({ key: 'bot-002', sku: 'B-02', quantity: 1, buyer: '小李' });
  assert.equal(ok.status, 201);
  const oversold = await post(
    { key: 'bot-003', sku: 'B-02', quantity: 1, buyer: '小张' },
    { headers: { 'accept-language': 'en-US,en;q=0.9' } },
  );
  assert.equal(oversold.status, 409);
  assert.equal(oversold.body.error!.code, 'order_oversold');
  assert.match(oversold.body.error!.message, /only 0 left of "野生蜂蜜"/);
  const zh = await post(
    { key: 'bot-004', sku: 'B-02', quantity: 1, buyer: '小张' },
    { headers: { 'accept-language': 'zh-CN' } },
  );
  assert.match(zh.body.error!.message, /库存不足/);
});

test('every bad request is refused with what is wrong, and nothing is created', async () => {
  const before = (await host.call('orders.list', {})).total;
  const cases: Array<[unknown, number, string, string?]> = [
    [{ link_no: 1, quantity: 1, buyer: 'x' }, 400, 'bad_request', 'key'],
    [{ key: 'k1', quantity: 1, buyer: 'x' }, 400, 'bad_request', 'link_no'],
    [{ key: 'k2', link_no: 1, sku: 'A-01', quantity: 1, buyer: 'x' }, 400, 'bad_request', 'link_no'],
    [{ key: 'k3', link_no: 1, quantity: 0, buyer: 'x' }, 400, 'bad_request', 'quantity'],
    [{ key: 'k4', link_no: 1, quantity: 1.5, buyer: 'x' }, 400, 'bad_request', 'quantity'],
    [{ key: 'k5', link_no: 1, quantity: 1, buyer: '  ' }, 400, 'bad_request', 'buyer'],
    [{ key: 'k6', link_no: 1, quantity: 1, buyer: 'x', price_fen: 1 }, 400, 'bad_request'],
    [{ key: 'k7', link_no: 9, quantity: 1, buyer: 'x' }, 422, 'order_unknown_link'],
    [{ key: 'k8', sku: 'NOPE', quantity: 1, buyer: 'x' }, 422, 'order_unknown_sku'],
    [{ key: 'k9', sku: 'A-01', quantity: 1, buyer: 'x', session: 999 }, 404, 'not_found'],
    ['{"key": "k10", ', 400, 'bad_json'],
  ];
  for (const [body, status, code, field] of cases) {
    const answer = await post(body);
    assert.equal(answer.status, status, `${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error!.code, code);
    assert.ok(answer.body.error!.message.length > 0);
    if (field) assert.ok(answer.body.error!.fields?.includes(field), JSON.stringify(answer.body));
  }
  assert.equal((await host.call('orders.list', {})).total, before);
});

test('no token, a wrong token, the wrong method or content type: refused before anything is read', async () => {
  const body = { key: 'k-auth', link_no: 1, quantity: 1, buyer: 'x' };
  const none = await fetch(`http://127.0.0.1:${web.port}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  assert.equal((await post(body, { token: 'not-the-token' })).status, 401);
  assert.equal((await post(body, { method: 'GET' })).status, 405);
  assert.equal((await post(body, { headers: { 'content-type': 'text/plain' } })).status, 415);
  const huge = await post({ ...body, note: 'x'.repeat(70 * 1024) });
  assert.equal(huge.status, 413);
  assert.equal(huge.body.error!.code, 'too_large');
  // A page on another site cannot make the user's browser post orders.
  const foreign = await fetch(`http://127.0.0.1:${web.port}/api/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${web.token}`,
      'content-type': 'application/json',
      origin: 'http://evil.example',
    },
    body: JSON.stringify(body),
  });
  assert.equal(foreign.status, 403);
  assert.equal((await host.call('orders.list', { filter: { buyer: 'x' } })).total, 0);
});

test('a paired device token works on the LAN listener, and the history names the device', async () => {
  await host.call('access.setEnabled', { enabled: true });
  const { pairingUrls } = await host.call('access.pairDevice', { name: '评论机器人' });
  const [, port, token] = /:(\d+)\/#token=(.+)$/.exec(pairingUrls[0]!)!;
  const made = await post({ key: 'lan-1', sku: 'A-01', quantity: 1, buyer: '小赵' }, { port: Number(port), token });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const { history } = await host.call('orders.get', { id: made.body.id as number });
  assert.deepEqual(
    history.map((h) => [h.role, h.deviceName, h.client]),
    [['assistant', '评论机器人', 'api']],
  );
  // The host's per-launch token is not a device token: the LAN listener refuses it.
  assert.equal(
    (await post({ key: 'lan-2', sku: 'A-01', quantity: 1, buyer: '小赵' }, { port: Number(port) })).status,
    401,
  );
});

test('an idempotency key is the sender’s own and means one order: reused for another order it is refused', async () => {
  await host.call('access.setEnabled', { enabled: true });
  const paired = async (name: string) => {
    const { pairingUrls } = await host.call('access.pairDevice', { name });
    const [, port, token] = /:(\d+)\/#token=(.+)$/.exec(pairingUrls[0]!)!;
    return { port: Number(port), token: token! };
  };
  const botA = await paired('机器人 A');
  const botB = await paired('机器人 B');
  const order = { key: 'shared-key-1', sku: 'A-01', quantity: 1, buyer: '小周' };
  const a = await post(order, botA);
  assert.equal(a.status, 201);
  // Another device using the same key gets its own order, not the first device's (its buyer's details).
  const b = await post({ ...order, buyer: '小吴' }, botB);
  assert.equal(b.status, 201);
  assert.notEqual(b.body.order_no, a.body.order_no);
  assert.equal(b.body.buyer, '小吴');
  // The same device, the same key, the same order: the same answer. Another order under that key: refused.
  assert.equal((await post(order, botA)).body.order_no, a.body.order_no);
  const reused = await post({ ...order, quantity: 3 }, { ...botA, headers: { 'accept-language': 'zh-CN' } });
  assert.equal(reused.status, 422);
  assert.equal(reused.body.error?.code, 'order_key_reused');
  assert.match(reused.body.error?.message ?? '', /幂等键已用于另一笔订单/);
});

test('a device revoked while its body is still on the way creates nothing: the token is checked again at the end', async (t) => {
  await host.call('access.setEnabled', { enabled: true });
  const { device, pairingUrls } = await host.call('access.pairDevice', { name: '慢速机器人' });
  const [, port, token] = /:(\d+)\/#token=(.+)$/.exec(pairingUrls[0]!)!;
  const body = Buffer.from(JSON.stringify({ key: 'slow-1', sku: 'A-01', quantity: 1, buyer: '慢慢来' }));
  // The moment the listener lets this device's token in (the headers are in, the body is still half sent).
  let letIn!: () => void;
  const tokenLetIn = new Promise<void>((resolve) => (letIn = resolve));
  const resolveToken = studio.access.resolveToken.bind(studio.access);
  t.mock.method(studio.access, 'resolveToken', (given: string) => {
    const found = resolveToken(given);
    if (found?.id === device.id) letIn();
    return found;
  });
  let sendRest!: () => void;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path: '/api/orders',
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': body.byteLength,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.write(body.subarray(0, 10));
    sendRest = () => req.end(body.subarray(10));
  });
  await tokenLetIn;
  await host.call('access.revoke', { id: device.id });
  sendRest();
  const { status, text } = await answer;
  assert.equal(status, 401, text);
  const found = await host.call('orders.list', { filter: { query: '慢慢来' } });
  assert.equal(found.total, 0, 'no order');
});
