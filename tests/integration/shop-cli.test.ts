// `livecart shop …` as a seller runs it, against the fake shop on loopback: connecting with the AppSecret on stdin
// (never in argv), the status, and an orders sync killed with SIGKILL mid-run that resumes with nothing lost or
// doubled.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { DB_FILE } from '../../electron/core/studio.ts';
import { livecartAsync } from '../support/cli.ts';
import { FakeWxShop, fakeOrder, type FakeProduct } from '../support/fake-wxshop.ts';
import { tempDir } from '../support/studio-fixture.ts';

const DAY = 86_400;
let fake: FakeWxShop;
let env: NodeJS.ProcessEnv;
const dataDir = tempDir();

const CUP: FakeProduct = {
  product_id: '20000000000000001',
  title: '保温杯',
  head_imgs: [],
  status: 5,
  skus: [{ sku_id: '30000000001', sale_price: 5900, stock_num: 100, sku_code: 'CUP', sku_attrs: [], status: 5 }],
};

before(async () => {
  fake = new FakeWxShop();
  env = { LIVECART_WXSHOP_API: await fake.start(), LIVECART_DATA_DIR: dataDir };
});
after(() => fake.stop());

const shopOrders = () => {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT platform_order_id AS id FROM orders WHERE platform = 'wxshop'`).all() as Array<{
      id: string;
    }>;
  } finally {
    db.close();
  }
};

test('connect reads the AppSecret from stdin; a wrong one is refused in the user’s language', async () => {
  const wrong = await livecartAsync(['shop', 'connect', '--app-id', fake.appId], {
    env,
    stdin: 'wrong-secret-0000000000\n',
    lang: 'zh-CN',
  });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /AppID 或 AppSecret 不正确/);
  const ok = await livecartAsync(['shop', 'connect', '--app-id', fake.appId], { env, stdin: `${fake.secret}\n` });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(fake.appId));
  const status = await livecartAsync(['shop', 'status', '--json'], { env });
  const parsed = JSON.parse(status.stdout) as { connected: boolean; appId: string };
  assert.deepEqual([parsed.connected, parsed.appId], [true, fake.appId]);
  assert.ok(!status.stdout.includes(fake.secret));
});

test('an orders sync killed mid-run resumes where it stood: every order once, none lost', async () => {
  fake.addProduct(CUP);
  const start = Math.floor(Date.now() / 1000) - 3 * DAY;
  const total = 260;
  for (let i = 0; i < total; i++) {
    fake.addOrder(
      fakeOrder(`4000000000000${String(i).padStart(6, '0')}`, start + i * 60, [
        { product: CUP, sku: CUP.skus[0]!, count: 1 },
      ]),
    );
  }
  let details = 0;
  const killed = await livecartAsync(
    ['shop', 'sync', '--orders', '--since', new Date((start - DAY) * 1000).toLocaleDateString('sv-SE')],
    {
      env,
      onStart: (child) => {
        fake.onCall = (p) => {
          // Past the first page (committed with its position), in the middle of the second: pull the plug.
          if (p === '/channels/ec/order/get' && ++details === 150) child.kill('SIGKILL');
        };
      },
    },
  );
  fake.onCall = null;
  assert.equal(killed.signal, 'SIGKILL');
  const before = shopOrders().length;
  assert.ok(before >= 100 && before < total, `${before} orders were in when it died`);

  const listsBefore = fake.callsTo('/channels/ec/order/list/get').length;
  const resumed = await livecartAsync(['shop', 'sync', '--orders'], { env });
  assert.equal(resumed.code, 0, resumed.stderr);
  const firstList = fake.callsTo('/channels/ec/order/list/get')[listsBefore]!;
  assert.ok(firstList.body.next_key, 'it went on from the page it was on, not from the start');
  const ids = shopOrders().map((o) => o.id);
  assert.equal(ids.length, total, 'none lost');
  assert.equal(new Set(ids).size, total, 'none doubled');
});
