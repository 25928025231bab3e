// The core's event hub: every published event reaches the clients (the server's emit) first, then only the
// domains that subscribed to its name; a follower's failure stays its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioEvents } from '../../electron/core/events.ts';

const segment = { id: 7, sessionId: 3, productId: 1, linkNo: 2, title: 't', startClockMs: 0, endClockMs: 5 };

test('an event goes to every client, then to the followers of its name only', () => {
  const heard: string[] = [];
  const events = new StudioEvents((name) => heard.push(`clients:${name}`));
  events.on('live.explainChanged', ({ ended }, name) => heard.push(`clips:${name}:${ended?.id}`));
  events.on(['coupons.changed', 'live.explainChanged'], (_data, name) => heard.push(`overlay:${name}`));
  events.publish('live.explainChanged', { sessionId: 3, explaining: null, ended: segment as never });
  events.publish('catalog.bulkChanged', { created: 1, updated: 0 });
  assert.deepEqual(heard, [
    'clients:live.explainChanged',
    'clips:live.explainChanged:7',
    'overlay:live.explainChanged',
    'clients:catalog.bulkChanged',
  ]);
});

test('a follower that fails does not keep the others from hearing; one that stops hears no more', (t) => {
  const errors = t.mock.method(console, 'error', () => {});
  const heard: string[] = [];
  const events = new StudioEvents(() => heard.push('clients'));
  events.on('coupons.changed', () => {
    throw new Error('broken follower');
  });
  const stop = events.on('coupons.changed', () => heard.push('second'));
  const coupon = { id: 1 } as never;
  events.publish('coupons.changed', { coupon });
  assert.deepEqual(heard, ['clients', 'second']);
  assert.equal(errors.mock.callCount(), 1);
  stop();
  events.publish('coupons.changed', { coupon });
  assert.deepEqual(heard, ['clients', 'second', 'clients']);
});
