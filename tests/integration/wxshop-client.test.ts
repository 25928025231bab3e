// The 微信小店 client against the fake shop on loopback: rate limits backed off (the waits recorded, not spent),
// a system-busy answer retried, a token another client force-refreshed replaced, and no secret or token in any
// error, whatever went wrong.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import { WxShopClient, wxshopBase } from '../../electron/core/shop/wxshop-client.ts';
import { FakeWxShop } from '../support/fake-wxshop.ts';

let fake: FakeWxShop;
let base: string;
/** The shop's clock (seconds): moved by hand where a rule counts seconds (force refreshes 30 s apart). */
let clock = Math.floor(Date.now() / 1000);

before(async () => {
  fake = new FakeWxShop({ now: () => clock });
  base = await fake.start();
});
after(() => fake.stop());

function client(waits: number[] = [], secret = fake.secret): WxShopClient {
  return new WxShopClient({
    appId: fake.appId,
    secret,
    base,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

const LIST = '/channels/ec/order/deliverycompanylist/new/get';

async function failure(work: Promise<unknown>): Promise<StudioError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof StudioError, String(error));
    return error;
  }
  assert.fail('expected a failure');
}

test('45011 is waited out, longer each time, then the call goes through; past five tries it is said', async () => {
  const waits: number[] = [];
  const shop = client(waits);
  fake.inject(3, 45011, 'api minute-quota reach limit must slower retry next minute', LIST);
  const reply = await shop.call<{ company_list: unknown[] }>(LIST, { ewaybill_only: false });
  assert.ok(reply.company_list.length > 0);
  assert.deepEqual(waits, [2000, 4000, 8000]);

  fake.inject(6, 45011, 'api minute-quota reach limit must slower retry next minute', LIST);
  const error = await failure(shop.call(LIST, { ewaybill_only: false }));
  assert.equal(error.issues?.[0]?.code, 'shop_rate_limited');
  assert.deepEqual(waits.slice(3), [2000, 4000, 8000, 16000, 32000], 'not hammered: five waits, then it stops');
  fake.inject(0, 0, '');
});

test('a daily quota (45009) is not retried; system busy (-1) is, three times', async () => {
  const waits: number[] = [];
  const shop = client(waits);
  fake.inject(1, 45009, 'reach max api daily quota limit', LIST);
  assert.equal((await failure(shop.call(LIST, { ewaybill_only: false }))).issues?.[0]?.code, 'shop_daily_quota');
  assert.deepEqual(waits, []);
  fake.inject(2, -1, 'system error', LIST);
  await shop.call(LIST, { ewaybill_only: false });
  assert.deepEqual(waits, [1000, 2000]);
});

test('a token refused while the shop still hands it out is force-refreshed; one replaced elsewhere is just asked for', async () => {
  const mine = client();
  await mine.call(LIST, { ewaybill_only: false });
  const tokenCalls = () => fake.callsTo('/cgi-bin/stable_token');

  // 40001 "not latest" for the token a normal ask still returns: then, and only then, a forced refresh.
  fake.inject(1, 40001, 'invalid credential, access_token is invalid or not latest', LIST);
  let mark = tokenCalls().length;
  await mine.call(LIST, { ewaybill_only: false });
  assert.deepEqual(
    tokenCalls()
      .slice(mark)
      .map((c) => [c.body.force_refresh, c.errcode]),
    [
      [false, 0],
      [true, 0],
    ],
  );

  // Another tool forces a new token (30 s later, as the shop requires): ours stops working, and a normal ask
  // returns the new one, so no force refresh of ours is spent.
  clock += 31;
  const other = client();
  const forced = await fetch(`${base}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({
      grant_type: 'client_credential',
      appid: fake.appId,
      secret: fake.secret,
      force_refresh: true,
    }),
  });
  assert.equal(((await forced.json()) as { errcode: number }).errcode, 0);
  await other.verify();
  mark = tokenCalls().length;
  await mine.call(LIST, { ewaybill_only: false });
  assert.deepEqual(
    tokenCalls()
      .slice(mark)
      .map((c) => [c.body.force_refresh, c.errcode]),
    [[false, 0]],
  );
  assert.ok(
    fake.calls.every((c) => !('secret' in c.body)),
    'the fake never records the secret either',
  );
});

test('no error carries the AppSecret or the token: not a refusal, not an unreachable shop', async () => {
  const shop = client();
  await shop.call(LIST, { ewaybill_only: false });
  fake.inject(1, 40097, 'invalid args, order_id', '/channels/ec/order/get');
  const refusedCall = await failure(shop.call('/channels/ec/order/get', { order_id: '1' }));
  const gone = new WxShopClient({
    appId: fake.appId,
    secret: fake.secret,
    base: 'http://127.0.0.1:1',
    sleep: async () => {},
  });
  const unreachable = await failure(gone.call(LIST, { ewaybill_only: false }));
  assert.equal(unreachable.issues?.[0]?.code, 'shop_unreachable');
  for (const error of [refusedCall, unreachable]) {
    const text = JSON.stringify({ message: error.message, shape: error.toShape(), stack: error.stack });
    assert.ok(!text.includes(fake.secret), text);
    assert.ok(!text.includes('access_token='), text);
  }
  assert.equal(refusedCall.issues?.[0]?.params?.errcode, 40097);
  assert.doesNotMatch(
    String(refusedCall.issues?.[0]?.params?.errmsg),
    /rid:/,
    'the request id is the platform’s, not the seller’s',
  );
});

test('the API base is the official host unless LIVECART_WXSHOP_API names an http(s) URL', () => {
  assert.equal(wxshopBase({}), 'https://api.weixin.qq.com');
  assert.equal(wxshopBase({ LIVECART_WXSHOP_API: 'http://127.0.0.1:9999/' }), 'http://127.0.0.1:9999');
  assert.throws(() => wxshopBase({ LIVECART_WXSHOP_API: 'file:///etc/passwd' }), /http\(s\)/);
});
