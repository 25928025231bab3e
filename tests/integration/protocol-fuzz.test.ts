// Thousands of calls made from the contract's own schemas and then mutated, from the host and from an assistant,
// against a real studio with real data. Every one gets an answer (never "internal": an unexpected failure is a
// bug), none keeps the thread busy for long (measured in this thread's CPU time, so a busy machine does not make it
// fail), and a refused call changes nothing: no row written, no event sent. Replay a failure with FUZZ_SEED=<seed>.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { ERROR_CODES } from '../../electron/core/protocol/errors.ts';
import { methods, type ReplyMessage } from '../../electron/core/protocol/contract.ts';
import type { CallContext } from '../../electron/core/rpc/server.ts';
import { openStudio, type Studio } from '../../electron/core/studio.ts';
import { startWebHost, type WebHost } from '../../electron/core/host/web-host.ts';
import { Fuzzer, type Json } from '../support/fuzz.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CALLS_PER_ROLE = 2500;
/** A call that keeps the core's thread this long (CPU, not wall time) would stall the show's fan-out. */
const STALL_MS = 100;
/** They start ffmpeg (a stream, a device listing): real processes, not what this test is about. */
const SKIPPED = new Set(['stream.start', 'stream.devices', 'stream.probe']);

let studio: Studio;
let host: WebHost;

before(async () => {
  studio = await openStudio({ dataDir: tempDir('livecart-fuzz-') });
  host = await startWebHost(studio, { port: 0 });
  const client = await TestClient.connect(host.port, host.token);
  for (let i = 1; i <= 5; i++) {
    await client.call('catalog.create', {
      input: { title: `商品${i}`, priceFen: 1000 * i, stock: 100, sku: `SKU-${i}` },
    });
  }
  const session = await client.call('live.createSession', { input: { title: '测试场' } });
  for (let id = 1; id <= 3; id++) await client.call('live.bagAdd', { sessionId: session.id, productId: id });
  await client.call('live.goLive', { id: session.id });
  for (let i = 0; i < 5; i++) {
    await client.call('orders.create', {
      input: { lines: [{ linkNo: 1, quantity: 1 }], buyer: `买家${i}`, phone: '13800000000' },
    });
  }
  client.close();
});
after(async () => {
  await host.close();
  await studio.close();
});

const names = Object.keys(methods).filter((name) => !SKIPPED.has(name));
const schemas = new Map(
  names.map((name) => [
    name,
    z.toJSONSchema((methods as Record<string, { params: z.ZodType }>)[name]!.params, {
      unrepresentable: 'any',
      io: 'input',
    }) as Parameters<Fuzzer['valid']>[0],
  ]),
);

function changes(): number {
  return (studio.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

async function jobsSettled(): Promise<void> {
  for (let i = 0; i < 2000 && studio.jobs.list().some((j) => j.state === 'running'); i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One fuzzed call straight into the dispatcher, as both transports deliver it; returns what it cost and did. */
async function fuzzCall(fuzzer: Fuzzer, ctx: CallContext, id: number) {
  const method = fuzzer.chance(0.03)
    ? fuzzer.pick(['', 'catalog.explode', '__proto__', 'x'.repeat(70)])
    : fuzzer.pick(names);
  const schema = schemas.get(method);
  let params: Json | undefined = schema ? fuzzer.valid(schema) : {};
  if (fuzzer.chance(0.7)) params = fuzzer.mutate(params ?? {});
  if (fuzzer.chance(0.02)) params = undefined;
  const envelope: Json = fuzzer.chance(0.03)
    ? fuzzer.mutate({ type: 'request', id, method })
    : { type: 'request', id, method, ...(params === undefined ? {} : { params }) };
  await jobsSettled();
  const seq = studio.server.currentSeq();
  const written = changes();
  const cpu = process.threadCpuUsage();
  const pending = studio.server.dispatch(envelope, ctx);
  const spent = process.threadCpuUsage(cpu);
  const reply: ReplyMessage = pending instanceof Promise ? await pending : pending;
  const syncMs = (spent.user + spent.system) / 1000;
  return { method, reply, syncMs, changed: changes() !== written, announced: studio.server.currentSeq() !== seq };
}

async function fuzz(ctx: CallContext, seed: number) {
  const fuzzer = new Fuzzer(seed);
  const codes = new Map<string, number>();
  let slowest = { method: '', ms: 0 };
  let accepted = 0;
  for (let i = 1; i <= CALLS_PER_ROLE; i++) {
    const { method, reply, syncMs, changed, announced } = await fuzzCall(fuzzer, ctx, i);
    if (syncMs > slowest.ms) slowest = { method, ms: syncMs };
    if (reply.ok) {
      accepted++;
      continue;
    }
    const { code } = reply.error;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    assert.ok((ERROR_CODES as readonly string[]).includes(code), `call ${i} (${method}): unknown error code ${code}`);
    assert.notEqual(
      code,
      'internal',
      `call ${i} (${method}) failed unexpectedly (seed ${seed}): ${reply.error.message}`,
    );
    assert.equal(
      changed,
      false,
      `call ${i} (${method}) was refused (${code}) but wrote to the database (seed ${seed})`,
    );
    assert.equal(announced, false, `call ${i} (${method}) was refused (${code}) but announced a change (seed ${seed})`);
  }
  assert.ok(slowest.ms < STALL_MS, `${slowest.method} kept the thread ${slowest.ms.toFixed(1)} ms (seed ${seed})`);
  return { accepted, codes, slowest };
}

test('the host: thousands of fuzzed calls, each answered, none stalling, no refused one changing anything', async () => {
  const ctx: CallContext = { connectionId: 9001, client: 'fuzz', role: 'host' };
  const { accepted, codes } = await fuzz(ctx, SEED);
  assert.ok(accepted > 50, `some calls got through and changed things (${accepted})`);
  assert.ok((codes.get('bad_request') ?? 0) > 500, 'most mutated calls are refused by the schema');
});

test('an assistant (default capabilities): the same, and nothing the host alone may do gets through', async () => {
  // A paired device, as pairing stores it (the LAN listener itself is not needed to call the dispatcher).
  const device = studio.access.store.insert('fuzz phone', 'f'.repeat(64), Date.now());
  const ctx: CallContext = {
    connectionId: 9002,
    client: 'fuzz',
    role: 'assistant',
    deviceId: device.id,
    capabilities: ['bag', 'orders'],
  };
  const { codes } = await fuzz(ctx, SEED + 1);
  assert.ok((codes.get('forbidden') ?? 0) > 50, 'host-only and not-granted calls are forbidden');
});

test('fuzzed frames over a real WebSocket: answered or refused, and the connection keeps working', async () => {
  const fuzzer = new Fuzzer(SEED + 2);
  const client = await TestClient.connect(host.port, host.token);
  for (let i = 0; i < 300; i++) {
    const frame = fuzzer.chance(0.2)
      ? fuzzer.pick(['not json', '{', '[]', 'null', '"x"', '{"type":"request"}', Buffer.from([0xff, 0, 1])])
      : JSON.stringify(fuzzer.mutate({ type: 'request', id: 100_000 + i, method: fuzzer.pick(names), params: {} }));
    client.sendText(frame as string | Buffer);
  }
  const hello = await client.call('studio.hello', { client: 'after-fuzz' });
  assert.equal(hello.role, 'host', 'still answering, in order, after all of it');
  client.close();
  const check = studio.db.pragma('integrity_check', { simple: true });
  assert.equal(check, 'ok');
});
