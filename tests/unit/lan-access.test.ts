// Assistant access without a network: which LAN addresses go into the QR code, how tokens are kept (hashed),
// resolved and revoked, the on/off switch and the listener's problems, and how wrong tokens are slowed down.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import type { NetworkInterfaceInfo } from 'node:os';
import { AccessService, type LanListener } from '../../electron/core/access/access-service.ts';
import { hashToken, newPairingToken, pairingUrl } from '../../electron/core/access/pairing-token.ts';
import { openDatabase, type Db } from '../../electron/core/db/connection.ts';
import { Writer } from '../../electron/core/db/writer.ts';
import {
  isPrivateIPv4,
  lanAddresses,
  listenerUrls,
  type NetworkInterfaces,
} from '../../electron/core/host/lan-addresses.ts';
import type { AccessState } from '../../electron/core/protocol/access-schemas.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import { StudioServer } from '../../electron/core/rpc/server.ts';
import { tempDir } from '../support/studio-fixture.ts';

function nic(address: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false): NetworkInterfaceInfo {
  return { address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null } as NetworkInterfaceInfo;
}

test('LAN addresses: IPv4, not loopback, home/office ranges first, virtual adapters and link-local last', () => {
  const interfaces: NetworkInterfaces = {
    lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
    docker0: [nic('172.17.0.1')],
    tailscale0: [nic('100.101.1.2')],
    en5: [nic('169.254.3.4')],
    eth1: [nic('203.0.113.7')],
    eth0: [nic('192.168.1.20'), nic('fe80::1', 'IPv6')],
    wlan0: [nic('10.0.0.5'), nic('192.168.1.20')],
    empty: undefined,
  };
  assert.deepEqual(lanAddresses(interfaces), [
    '192.168.1.20',
    '10.0.0.5',
    '203.0.113.7',
    '172.17.0.1',
    '100.101.1.2',
    '169.254.3.4',
  ]);
  assert.deepEqual(lanAddresses({ lo: [nic('127.0.0.1', 'IPv4', true)] }), [], 'a machine with no network');
  // Some Node versions reported the family as a number.
  assert.deepEqual(lanAddresses({ eth0: [{ ...nic('192.168.0.9'), family: 4 as unknown as 'IPv4' }] }), [
    '192.168.0.9',
  ]);
});

test('private ranges are exactly 10/8, 172.16/12 and 192.168/16', () => {
  for (const yes of ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1'])
    assert.equal(isPrivateIPv4(yes), true, yes);
  for (const no of ['11.0.0.1', '172.15.0.1', '172.32.0.1', '192.169.0.1', '100.64.0.1', '8.8.8.8'])
    assert.equal(isPrivateIPv4(no), false, no);
});

test('listener URLs: one per LAN address when bound to all, the address itself when bound to one', () => {
  const interfaces: NetworkInterfaces = { eth0: [nic('192.168.1.20')], wlan0: [nic('10.0.0.5')] };
  assert.deepEqual(listenerUrls('0.0.0.0', 17880, interfaces), [
    'http://192.168.1.20:17880/',
    'http://10.0.0.5:17880/',
  ]);
  assert.deepEqual(listenerUrls('::', 17880, interfaces), ['http://192.168.1.20:17880/', 'http://10.0.0.5:17880/']);
  assert.deepEqual(listenerUrls('127.0.0.1', 40001, interfaces), ['http://127.0.0.1:40001/']);
  assert.deepEqual(listenerUrls('fd00::5', 17880, interfaces), ['http://[fd00::5]:17880/']);
});

test('pairing tokens: 24 random bytes as base64url, stored as their sha-256, carried in the fragment', () => {
  const token = newPairingToken();
  assert.match(token, /^[A-Za-z0-9_-]{32}$/);
  assert.notEqual(token, newPairingToken());
  assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(pairingUrl('http://10.0.0.5:17880/', token), `http://10.0.0.5:17880/#token=${token}`);
});

// --- the service, on a real database, with a fake listener ---

class FakeListener implements LanListener {
  started = 0;
  stopped = 0;
  closedDevices: number[] = [];
  addresses = ['http://192.168.1.20:17880/'];
  failWith: (Error & { code?: string }) | null = null;
  private listening = false;
  async start() {
    this.started++;
    if (this.failWith) throw this.failWith;
    this.listening = true;
  }
  async stop() {
    this.stopped++;
    this.listening = false;
  }
  urls() {
    return this.listening ? this.addresses : [];
  }
  closeDevice(id: number) {
    this.closedDevices.push(id);
  }
}

const dbs: Db[] = [];
after(() => {
  for (const db of dbs) if (db.open) db.close();
});

function setup(dir = tempDir()) {
  const db = openDatabase(path.join(dir, 'livecart.db'));
  dbs.push(db);
  const server = new StudioServer();
  const events: AccessState[] = [];
  let now = 1_000;
  const access = new AccessService(
    db,
    new Writer(db, () => {}),
    (name, data) => {
      if (name === 'access.changed') events.push((data as { state: AccessState }).state);
      server.emit(name, data);
    },
    server,
    () => now,
  );
  return { db, access, events, dir, setNow: (t: number) => (now = t) };
}

const refusedWith = (code: string) => (error: unknown) =>
  error instanceof StudioError && error.code === 'refused' && error.issues?.[0]?.code === code;

test('access is off by default: nothing listens and pairing is refused', async (t) => {
  t.mock.method(console, 'error', () => {});
  const { access } = setup();
  const listener = new FakeListener();
  await access.useListener(listener);
  assert.equal(listener.started, 0);
  assert.deepEqual(access.state(), { enabled: false, urls: [], problem: null, devices: [] });
  await assert.rejects(access.pairDevice('助理 1'), refusedWith('lan_access_off'));
});

test('pairing stores only the hash; the token resolves to its device until revoked', async () => {
  const { access, db, events, setNow } = setup();
  const listener = new FakeListener();
  await access.useListener(listener);
  const on = await access.setEnabled(true);
  assert.equal(listener.started, 1);
  assert.deepEqual(on.urls, ['http://192.168.1.20:17880/']);

  const { device, pairingUrls } = await access.pairDevice('助理 1');
  assert.equal(device.name, '助理 1');
  assert.equal(device.createdAt, 1_000);
  assert.equal(pairingUrls.length, 1);
  const token = /#token=([A-Za-z0-9_-]{32})$/.exec(pairingUrls[0]!)?.[1];
  assert.ok(token, pairingUrls[0]);
  const row = db.prepare('SELECT * FROM access_devices WHERE id = ?').get(device.id) as Record<string, unknown>;
  assert.equal(row.token_hash, hashToken(token));
  assert.ok(!JSON.stringify(row).includes(token), 'the token itself is never stored');
  assert.ok(!JSON.stringify(access.state()).includes(token), 'nor shown again');

  setNow(5_000);
  assert.deepEqual(access.resolveToken(token), { id: device.id, capabilities: ['bag', 'orders'] });
  assert.equal(access.state().devices[0]?.lastSeenAt, 5_000, 'connecting counts as being seen');
  // One character changed (a random token ends in 'x' one time in 64: then it becomes 'y').
  const wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
  assert.equal(access.resolveToken(wrong), null);
  assert.equal(access.resolveToken(''), null);

  const before = events.length;
  const state = await access.revoke(device.id);
  assert.equal(state.devices[0]?.revokedAt, 5_000);
  assert.deepEqual(listener.closedDevices, [device.id]);
  assert.equal(access.resolveToken(token), null, 'a revoked token opens nothing');
  assert.ok(events.length > before, 'revoking is announced');
  await assert.rejects(access.revoke(999), (e: unknown) => e instanceof StudioError && e.code === 'not_found');
});

test('switching off stops the listener and refuses every token; the switch survives a restart', async () => {
  const dir = tempDir();
  const first = setup(dir);
  const listener = new FakeListener();
  await first.access.useListener(listener);
  await first.access.setEnabled(true);
  const token = /#token=(.+)$/.exec((await first.access.pairDevice('平板')).pairingUrls[0]!)![1]!;
  const off = await first.access.setEnabled(false);
  assert.deepEqual([off.enabled, off.urls, listener.stopped], [false, [], 1]);
  assert.equal(first.access.resolveToken(token), null, 'access off: even a paired token is refused');
  assert.equal(first.events.at(-1)?.enabled, false, 'the change is announced');
  await first.access.setEnabled(true);
  await first.access.close();
  assert.equal(listener.stopped, 2, 'closing the studio stops the listener');
  first.db.close();

  const again = setup(dir);
  const next = new FakeListener();
  await again.access.useListener(next);
  assert.equal(next.started, 1, 'access left on listens again at the next launch');
  assert.ok(again.access.resolveToken(token) !== null, 'and paired devices still get in');
});

test('a busy port or no network is a problem in the state, not a crash; switching again retries', async (t) => {
  t.mock.method(console, 'error', () => {});
  const { access } = setup();
  const listener = new FakeListener();
  listener.failWith = Object.assign(new Error('listen EADDRINUSE: address already in use 0.0.0.0:17880'), {
    code: 'EADDRINUSE',
  });
  await access.useListener(listener);
  const busy = await access.setEnabled(true);
  assert.deepEqual([busy.enabled, busy.urls, busy.problem], [true, [], 'lan_port_busy']);
  await assert.rejects(access.pairDevice('助理 1'), refusedWith('lan_port_busy'));

  listener.failWith = Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' });
  assert.equal((await access.setEnabled(true)).problem, 'lan_listen_failed');

  listener.failWith = null;
  listener.addresses = [];
  const offline = await access.setEnabled(true);
  assert.deepEqual([offline.problem, listener.started], ['lan_no_network', 3]);
  await assert.rejects(access.pairDevice('助理 1'), refusedWith('lan_no_network'));

  listener.addresses = ['http://10.0.0.5:17880/'];
  assert.equal(access.state().problem, null, 'addresses are read afresh (the laptop joined a network)');
  assert.equal((await access.setEnabled(false)).problem, null, 'no problem is shown while off');
});
