// What a paired device may do is the host's choice, device by device, and the core enforces it: over real sockets,
// the LAN listener bound to loopback. By default a device runs the bag and takes orders; buyers' contact details,
// exports and shipping, and starting or ending the show are the host's to grant.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { attachLan } from '../../electron/core/host/lan-host.ts';
import { startWebHost } from '../../electron/core/host/web-host.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';

const rendererDir = tempDir('livecart-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const PHONE = '13812345678';
const ADDRESS = '浙江省杭州市西湖区文三路 90 号';

async function shop() {
  const studio = await openStudio({ dataDir: tempDir() });
  const web = await startWebHost(studio, { port: 0, rendererDir });
  await attachLan(studio, { host: '127.0.0.1', port: 0, rendererDir });
  const host = await TestClient.connect(web.port, web.token);
  cleanups.push(async () => {
    host.close();
    await web.close();
    await studio.close();
  });
  await host.call('catalog.create', { input: { title: '蜂蜜', priceFen: 3900, stock: 50, sku: 'HONEY' } });
  const session = await host.call('live.createSession', { input: { title: '助农专场' } });
  const product = (await host.call('catalog.list', {})).items[0]!;
  await host.call('live.bagAdd', { sessionId: session.id, productId: product.id });
  await host.call('live.goLive', { id: session.id });
  await host.call('access.setEnabled', { enabled: true });
  const { device, pairingUrls } = await host.call('access.pairDevice', { name: '助理手机' });
  const [, port, token] = /:(\d+)\/#token=(.+)$/.exec(pairingUrls[0]!)!;
  const connect = async () => {
    const client = await TestClient.connect(Number(port), token!);
    cleanups.push(async () => client.close());
    return client;
  };
  return { studio, host, device, session, connect, lanPort: Number(port), token: token! };
}

async function code(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    // A refusal says why in its first issue (capability_files, session_not_live…); other errors by their code.
    const why = error.error.code === 'forbidden' || error.error.code === 'refused';
    return (why && error.error.issues?.[0]?.code) || error.error.code;
  }
  return 'ok';
}

test('by default: the bag and orders, buyers by nickname only; no exports, no shipping, no show switch', async () => {
  const { host, device, session, connect, lanPort, token } = await shop();
  assert.deepEqual(device.capabilities, ['bag', 'orders']);
  const phone = await connect();
  const hello = await phone.call('studio.hello', { client: 'phone' });
  assert.deepEqual(hello.capabilities, ['bag', 'orders']);
  assert.deepEqual((await host.call('studio.hello', { client: 'desktop' })).capabilities, [
    'bag',
    'orders',
    'contacts',
    'files',
    'show',
  ]);

  // Running the bag and taking orders work.
  assert.equal(await code(phone.call('live.explain', { sessionId: session.id, productId: 1 })), 'ok');
  const order = await phone.call('orders.create', {
    input: {
      sessionId: session.id,
      lines: [{ sku: 'HONEY', quantity: 1 }],
      buyer: '小王',
      phone: PHONE,
      address: ADDRESS,
    },
  });
  assert.equal(order.buyer, '小王');
  assert.equal(order.phone, '•••••••5678', 'even the order it took comes back masked');
  assert.equal(order.address, '••••');
  const listed = await phone.call('orders.list', {});
  assert.equal(listed.items[0]!.phone, '•••••••5678');
  assert.equal((await phone.call('orders.get', { id: order.id })).order.address, '••••');
  assert.equal((await phone.call('orders.list', { filter: { query: '1381234' } })).total, 0, 'no search by phone');
  assert.equal((await host.call('orders.list', { filter: { query: '1381234' } })).total, 1);
  assert.equal((await host.call('orders.get', { id: order.id })).order.phone, PHONE, 'the host sees it all');
  const event = phone.events.find((e) => e.name === 'orders.changed');
  assert.ok(event, 'the order log updates');
  assert.doesNotMatch(JSON.stringify(phone.events), /13812345678|文三路/);

  // What needs more than the defaults is refused, and nothing changes.
  assert.equal(await code(phone.call('orders.exportFile', { locale: 'zh-CN' })), 'capability_files');
  // A CSV does not even start to come in: shipping from a file, or importing one, is not for this device.
  const csvUpload = phone.call('uploads.begin', { kind: 'csv', name: 'ship.csv', size: 10 });
  assert.equal(await code(csvUpload), 'capability_files');
  assert.equal(await code(phone.call('orders.shipFile', { uploadId: 'made-up' })), 'capability_files');
  assert.equal(await code(phone.call('uploads.begin', { kind: 'image', name: 'a.jpg', size: 10 })), 'ok');
  await host.call('orders.setStatus', { id: order.id, to: 'paid' });
  const shipOne = phone.call('orders.setStatus', {
    id: order.id,
    to: 'shipped',
    shipment: { carrier: '顺丰', trackingNo: 'SF1' },
  });
  assert.equal(await code(shipOne), 'capability_files');
  assert.equal(await code(phone.call('catalog.exportFile', { locale: 'zh-CN' })), 'capability_files');
  assert.equal(await code(phone.call('live.end', { id: session.id })), 'capability_show');
  assert.equal((await host.call('orders.get', { id: order.id })).order.status, 'paid', 'not shipped');
  assert.equal((await host.call('live.session', { id: session.id })).session.state, 'live', 'the show goes on');

  // The host's own export is its own: the device neither sees the job nor can fetch its file.
  const { jobId } = await host.call('orders.exportFile', { locale: 'zh-CN' });
  await host.jobFinished(jobId);
  assert.deepEqual(
    (await phone.call('jobs.list', {})).map((j) => j.id),
    [],
  );
  assert.equal(await code(phone.call('jobs.resultChunk', { id: jobId, offset: 0, length: 1024 })), 'not_found');
  assert.ok(
    phone.events.every((e) => e.name !== 'job.updated'),
    'its progress went to the host only',
  );

  // The order API with the device's token: the same rules.
  const api = await fetch(`http://127.0.0.1:${lanPort}/api/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key: 'api-1', sku: 'HONEY', quantity: 1, buyer: '小李', phone: PHONE }),
  });
  assert.equal(api.status, 201);
  assert.equal(((await api.json()) as { phone: string }).phone, '•••••••5678');
});

test('the host grants and takes away, per device; open pages pick it up at once', async () => {
  const { host, device, session, connect } = await shop();
  const phone = await connect();
  await phone.call('studio.hello', { client: 'phone' });
  const order = await host.call('orders.create', {
    input: { sessionId: session.id, lines: [{ sku: 'HONEY', quantity: 1 }], buyer: '小张', phone: PHONE },
  });

  const state = await host.call('access.setCapabilities', {
    id: device.id,
    capabilities: ['bag', 'orders', 'contacts', 'files', 'show'],
  });
  assert.deepEqual(state.devices[0]!.capabilities, ['bag', 'orders', 'contacts', 'files', 'show']);
  await phone.until(() => phone.closeCode !== null);
  assert.notEqual(phone.closeCode, 4401, 'not refused: the page reconnects and keeps its token');
  const again = await connect();
  assert.deepEqual((await again.call('studio.hello', { client: 'phone' })).capabilities, [
    'bag',
    'orders',
    'contacts',
    'files',
    'show',
  ]);
  assert.equal((await again.call('orders.get', { id: order.id })).order.phone, PHONE);
  const { jobId } = await again.call('orders.exportFile', { locale: 'zh-CN' });
  assert.equal((await again.jobFinished(jobId)).state, 'done');
  assert.equal(await code(again.call('live.end', { id: session.id })), 'ok');

  // Taken down to the bag alone: no orders at all, not even as events.
  await host.call('access.setCapabilities', { id: device.id, capabilities: ['bag'] });
  await again.until(() => again.closeCode !== null);
  const bagOnly = await connect();
  await bagOnly.call('studio.hello', { client: 'phone' });
  assert.equal(await code(bagOnly.call('orders.list', {})), 'capability_orders');
  // What it exported with contacts, under the old rights, is gone with them.
  assert.deepEqual(await bagOnly.call('jobs.list', {}), []);
  assert.equal(await code(bagOnly.call('jobs.resultChunk', { id: jobId, offset: 0, length: 1024 })), 'not_found');
  assert.equal(await code(host.call('jobs.resultChunk', { id: jobId, offset: 0, length: 1024 })), 'not_found');
  await host.call('orders.create', {
    input: { sessionId: session.id, lines: [{ sku: 'HONEY', quantity: 1 }], buyer: '小赵', phone: PHONE },
  });
  await host.call('catalog.create', { input: { title: '红枣', priceFen: 100, stock: 1 } });
  await bagOnly.until(() => bagOnly.events.some((e) => e.name === 'catalog.productChanged'));
  assert.ok(
    bagOnly.events.every((e) => e.name !== 'orders.changed'),
    'the order went by as studio.hidden',
  );
  assert.ok(bagOnly.events.some((e) => e.name === 'studio.hidden'));
  assert.doesNotMatch(JSON.stringify(bagOnly.events), /小赵/);
});

test('files without orders: the product files, but no file of the order log and no shipping', async () => {
  const { host, device, session, connect } = await shop();
  const order = await host.call('orders.create', {
    input: { sessionId: session.id, lines: [{ sku: 'HONEY', quantity: 1 }], buyer: '小周' },
  });
  await host.call('orders.setStatus', { id: order.id, to: 'paid' });
  await host.call('access.setCapabilities', { id: device.id, capabilities: ['files'] });
  const tablet = await connect();
  await tablet.call('studio.hello', { client: 'warehouse' });
  const { jobId } = await tablet.call('catalog.exportFile', { locale: 'zh-CN' });
  assert.equal((await tablet.jobFinished(jobId)).state, 'done');
  assert.equal(await code(tablet.call('orders.exportFile', { locale: 'zh-CN' })), 'capability_orders');
  const ship = await tablet.upload(
    'csv',
    'ship.csv',
    Buffer.from(`订单号,快递公司,快递单号\n${order.orderNo},顺丰,SF9\n`),
  );
  assert.equal(await code(tablet.call('orders.shipFile', { uploadId: ship })), 'capability_orders');
  const shipOne = tablet.call('orders.setStatus', {
    id: order.id,
    to: 'shipped',
    shipment: { carrier: '顺丰', trackingNo: 'SF9' },
  });
  assert.equal(await code(shipOne), 'capability_orders');
  assert.equal((await host.call('orders.get', { id: order.id })).order.status, 'paid', 'not shipped');
  // A picture is for a product: without the bag it does not even start to come in.
  const picture = tablet.call('uploads.begin', { kind: 'image', name: 'a.jpg', size: 10 });
  assert.equal(await code(picture), 'capability_bag');
});

test('what a device may do is checked against the list: nothing unknown is granted, and only the host sets it', async () => {
  const { host, device, connect, studio } = await shop();
  studio.db.prepare(`UPDATE access_devices SET capabilities = '["bag","root","everything"]'`).run();
  const phone = await connect();
  assert.deepEqual((await phone.call('studio.hello', { client: 'phone' })).capabilities, ['bag']);
  assert.equal(
    await code(phone.call('access.setCapabilities', { id: device.id, capabilities: ['files'] })),
    'forbidden',
  );
  assert.equal(
    await code(host.call('access.setCapabilities', { id: device.id, capabilities: ['root' as never] })),
    'bad_request',
  );
});
