import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Destination, type DestinationPhase } from '../../electron/core/stream/engine/destination.ts';
import { MEDIA_BYTES, type ExitReason } from '../../electron/core/stream/engine/exit-reason.ts';
import { TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO, type FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';
import { GopCache } from '../../electron/core/stream/engine/gop-cache.ts';
import type { Publisher, PublisherEvents } from '../../electron/core/stream/rtmp/publisher.ts';
import { rtmpTarget, type RtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';

const KEY = 'sk-7f3a9c2e1b-SECRET';
const TARGET = rtmpTarget('rtmp://push.example.com/live', `${KEY}?txSecret=${KEY}`)!;
const START = 1_000_000;

/** A publisher: records what the destination sends; the test plays the server (publishing, progress, the end). */
class FakePublisher implements Publisher {
  readonly sent: FlvTag[] = [];
  sentBytes = 0;
  backlog = 0;
  kills = 0;
  stopRequested = false;
  private stopped: (() => void) | null = null;
  readonly target: RtmpTarget;
  private readonly events: PublisherEvents;

  constructor(target: RtmpTarget, events: PublisherEvents) {
    this.target = target;
    this.events = events;
  }

  send(tag: FlvTag): void {
    this.sent.push(tag);
  }

  /** The server answered the publish with NetStream.Publish.Start. */
  publishing(): void {
    this.events.onPublishing();
  }

  end(reason: ExitReason, detail = ''): void {
    this.events.onEnd({ reason, detail });
    this.stopped?.();
  }

  stop(): Promise<void> {
    this.stopRequested = true;
    return new Promise((resolve) => (this.stopped = resolve));
  }

  kill(): void {
    this.kills += 1;
  }
}

/** The state as it is now (read through a call, so an earlier assertion does not narrow its type). */
function current(destination: Destination): DestinationPhase {
  return destination.state;
}

function tag(type: number, size: number, flags: Partial<Pick<FlvTag, 'keyframe' | 'config'>> = {}): FlvTag {
  return { type, timestamp: 0, bytes: Buffer.alloc(size, type), keyframe: false, config: false, ...flags };
}

function readyGop(): GopCache {
  const gop = new GopCache();
  gop.setHeader(Buffer.from('FLV\x01\x05\0\0\0\x09\0\0\0\0', 'latin1'));
  gop.add(tag(TAG_SCRIPT, 40));
  gop.add(tag(TAG_VIDEO, 50, { config: true }));
  gop.add(tag(TAG_AUDIO, 20, { config: true }));
  gop.add(tag(TAG_VIDEO, 3000, { keyframe: true }));
  gop.add(tag(TAG_AUDIO, 200));
  return gop;
}

function setup(
  t: TestContext,
  gop = readyGop(),
  probe?: (target: Pick<RtmpTarget, 'host' | 'port'>) => Promise<boolean>,
) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: START });
  const publishers: FakePublisher[] = [];
  const states: DestinationPhase[] = [];
  const destination = new Destination({
    id: 'douyin',
    target: TARGET,
    gop,
    connect: (target, events) => {
      const publisher = new FakePublisher(target, events);
      publishers.push(publisher);
      return publisher;
    },
    onChange: () => states.push(destination.state),
    now: () => Date.now(),
    probe,
  });
  const tick = async (ms: number) => {
    t.mock.timers.tick(ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const last = () => publishers.at(-1)!;
  /** The server takes `bytes` in all on the current connection (seen at the next second's sample). */
  const progress = async (bytes: number) => {
    last().sentBytes = bytes;
    await tick(1_000);
  };
  return { destination, publishers, states, gop, tick, last, progress };
}

test('connecting, then live once publishing began and a media’s worth of bytes went out', async (t) => {
  const { destination, publishers, last, progress } = setup(t);
  assert.deepEqual(destination.state, { phase: 'idle' });
  destination.start();
  assert.equal(publishers.length, 1);
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 1 });
  await progress(MEDIA_BYTES * 2); // the handshake and connect, but no publish answered yet
  assert.equal(destination.state.phase, 'connecting', 'bytes before the publish began are not media');
  last().publishing();
  await progress(MEDIA_BYTES * 3);
  assert.deepEqual(destination.state, { phase: 'live', since: START + 2_000 });
  assert.equal(destination.stats.bytesSent, MEDIA_BYTES * 3);
  assert.equal(destination.stats.kbps, 0, 'the second it went live carries the GOP cache: not a rate');
  await progress(MEDIA_BYTES * 3 + 187_500);
  assert.equal(destination.stats.kbps, 1_500, '187,500 bytes in the last second');
});

test('the rate right after a reconnect is this connection’s, not the whole show’s in one second', async (t) => {
  const { destination, last, tick, progress } = setup(t);
  destination.start();
  last().publishing();
  for (let second = 1; second <= 10; second++) await progress(second * 312_500);
  assert.equal(destination.stats.kbps, 2_500);
  last().end('dropped', 'gone');
  await tick(2_000);
  last().publishing();
  const rates: number[] = [];
  for (let second = 1; second <= 4; second++) {
    await progress(second * 312_500);
    rates.push(destination.stats.kbps);
  }
  assert.ok(
    rates.every((kbps) => kbps <= 2_500),
    `never more than the stream's rate after the reconnect: ${rates.join(', ')} kbps`,
  );
  assert.equal(rates.at(-1), 2_500);
});

test('publishing begins with exactly the GOP cache, then each following tag', (t) => {
  const { destination, last, gop } = setup(t);
  destination.start();
  assert.deepEqual(last().sent, [], 'nothing before the server accepted the publish');
  destination.write(tag(TAG_VIDEO, 700));
  assert.deepEqual(last().sent, [], 'tags meanwhile wait in the GOP cache');
  last().publishing();
  assert.deepEqual(last().sent, gop.primeTags());
  const next = tag(TAG_VIDEO, 700);
  gop.add(next);
  destination.write(next);
  assert.equal(last().sent.at(-1), next);
});

test('publishing before the cache is ready: primed by the first tag that makes it ready', (t) => {
  const gop = new GopCache();
  const { destination, last } = setup(t, gop);
  gop.setHeader(Buffer.from('FLV\x01\x05\0\0\0\x09\0\0\0\0', 'latin1'));
  destination.start();
  last().publishing();
  const config = tag(TAG_VIDEO, 50, { config: true });
  gop.add(config);
  destination.write(config);
  assert.deepEqual(last().sent, [], 'no keyframe yet: nothing a server could decode');
  const keyframe = tag(TAG_VIDEO, 3000, { keyframe: true });
  gop.add(keyframe);
  destination.write(keyframe);
  assert.deepEqual(last().sent, [config, keyframe], 'primed, and the keyframe not sent twice');
});

test('an end while live: reconnecting 2 s later, then a new connection primed from the cache', async (t) => {
  const { destination, publishers, last, tick, gop, progress } = setup(t);
  destination.start();
  last().publishing();
  await progress(200_000);
  assert.equal(destination.state.phase, 'live');
  for (let second = 1; second <= 9; second++) await progress(200_000 + second * 300_000);
  assert.equal(last().kills, 0, 'progressing: not stalled');
  last().end('dropped', 'the server closed the connection');
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 12_000,
    reason: 'dropped',
    detail: 'the server closed the connection',
  });
  assert.equal(destination.stats.reconnects, 1);
  assert.equal(destination.stats.liveMs, 9_000);
  assert.equal(destination.stats.kbps, 0);
  await tick(1_999);
  assert.equal(publishers.length, 1, 'waits the whole 2 s');
  await tick(1);
  assert.equal(publishers.length, 2);
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 2 });
  last().publishing();
  assert.deepEqual(last().sent, gop.primeTags());
});

test('three refusals in a row end as key_rejected, with no further connection', async (t) => {
  const { destination, publishers, last, tick, states } = setup(t);
  destination.start();
  const refuse = () => last().end('publish_refused', 'NetStream.Publish.BadName');
  refuse();
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 2_000,
    reason: 'publish_refused',
    detail: 'NetStream.Publish.BadName',
  });
  await tick(2_000);
  refuse();
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 2,
    retryAt: START + 5_000,
    reason: 'publish_refused',
    detail: 'NetStream.Publish.BadName',
  });
  await tick(3_000);
  assert.equal(publishers.length, 3);
  refuse();
  const rejected = { phase: 'failed', reason: 'key_rejected', detail: 'NetStream.Publish.BadName' };
  assert.deepEqual(destination.state, rejected, "with the server's last words");
  await tick(120_000);
  assert.equal(publishers.length, 3);
  assert.deepEqual(
    states.filter((s, i) => i === 0 || s.phase !== states[i - 1]!.phase).map((s) => s.phase),
    ['connecting', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'failed'],
  );
});

test('a refusal after going live starts the count again', async (t) => {
  const { destination, last, tick, progress } = setup(t);
  destination.start();
  for (let i = 0; i < 2; i++) {
    last().end('publish_refused');
    destination.reconnectNow();
  }
  last().publishing();
  await progress(MEDIA_BYTES * 4);
  assert.equal(destination.state.phase, 'live');
  last().end('dropped');
  await tick(2_000);
  last().end('publish_refused');
  assert.equal(destination.state.phase, 'reconnecting', 'one refusal since it was live');
});

test('reconnectNow() skips the wait, does not hide a refused key, and restarts a key_rejected destination', async (t) => {
  const { destination, publishers, last, tick } = setup(t);
  destination.start();
  last().end('publish_refused');
  assert.equal(destination.state.phase, 'reconnecting');
  destination.reconnectNow();
  assert.equal(publishers.length, 2, 'no wait');
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 2 });
  await tick(5_000);
  assert.equal(publishers.length, 2, 'the skipped retry does not open another connection');

  destination.reconnectNow(); // while connecting: nothing to skip
  assert.equal(publishers.length, 2);
  last().end('publish_refused');
  destination.reconnectNow();
  last().end('publish_refused');
  assert.deepEqual(
    destination.state,
    { phase: 'failed', reason: 'key_rejected', detail: null },
    'still three refusals in a row',
  );

  destination.reconnectNow(); // the host fixed the key
  assert.equal(publishers.length, 4);
  assert.equal(destination.state.phase, 'connecting');
  last().end('publish_refused');
  assert.equal(current(destination).phase, 'reconnecting', 'counting again from zero');
});

test('a connection that stops draining: tags beyond the backlog are dropped to the next keyframe; closed after 5 s', async (t) => {
  const { destination, publishers, last, tick, progress } = setup(t);
  destination.start();
  last().publishing();
  await progress(MEDIA_BYTES * 2);
  assert.equal(destination.state.phase, 'live');
  const before = last().sent.length;
  last().backlog = 2 * 1024 * 1024 + 1; // the server stopped taking data
  destination.write(tag(TAG_VIDEO, 600 * 1024));
  destination.write(tag(TAG_AUDIO, 300));
  assert.equal(destination.stats.droppedTags, 2);
  assert.equal(last().sent.length, before);

  // The encoder keeps feeding it (each tag dropped): a hung ingest, not a paused encoder.
  const feed = async (seconds: number) => {
    for (let i = 0; i < seconds * 2; i++) {
      destination.write(tag(TAG_AUDIO, 300));
      await tick(500);
    }
  };
  await feed(4);
  assert.equal(last().kills, 0, 'not yet: under 5 s without progress');
  await feed(2);
  assert.equal(last().kills, 1);
  last().end('dropped', 'closed');
  assert.deepEqual(current(destination), {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 9_000, // closed 7 s in (5 s after the last progress), retried 2 s later
    reason: 'stalled',
    detail: null,
  });
  await tick(2_000);
  assert.equal(publishers.length, 2);
  assert.equal(destination.stats.droppedTags, 14);
});

test('an encoder pausing (its capture being replaced) is no fault of the ingest: the connection is kept', async (t) => {
  const { destination, last, tick, progress } = setup(t);
  destination.start();
  last().publishing();
  await progress(MEDIA_BYTES * 2);
  destination.write(tag(TAG_AUDIO, 300));
  await tick(8_000); // nothing to send, so nothing sent
  assert.equal(last().kills, 0);
  destination.write(tag(TAG_VIDEO, 300, { keyframe: true })); // fed again: the stall clock starts afresh
  await tick(1_000);
  destination.write(tag(TAG_AUDIO, 300));
  await tick(1_000);
  assert.equal(last().kills, 0, 'a second of silence after resuming is not a hang');
  assert.equal(destination.state.phase, 'live');
});

test('retarget(): a new key replaces a rejected one at once, counting afresh; a running connection is closed first', (t) => {
  const { destination, publishers, last } = setup(t);
  destination.start();
  for (let i = 0; i < 3; i++) {
    last().end('publish_refused');
    if (i < 2) destination.reconnectNow();
  }
  assert.deepEqual(destination.state, { phase: 'failed', reason: 'key_rejected', detail: null });
  const second = rtmpTarget('rtmp://push.example.com/live', 'NEW_KEY')!;
  destination.retarget(second);
  assert.equal(publishers.length, 4);
  assert.equal(last().target, second);
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 1 });

  const third = rtmpTarget('rtmp://push.example.com/live', 'THIRD_KEY')!;
  destination.retarget(third); // while connecting
  assert.equal(last().kills, 1);
  last().end('dropped', 'closed');
  assert.equal(publishers.length, 5, 'started again at once, not after a countdown');
  assert.equal(last().target, third);
  assert.equal(destination.stats.reconnects, 2, 'the two refusals before key_rejected; the switch is not one');
});

test('after a drop, nothing is sent until a keyframe, which resumes the stream', (t) => {
  const { destination, last } = setup(t);
  destination.start();
  const publisher = last();
  publisher.publishing();
  publisher.backlog = 2 * 1024 * 1024 + 1;
  destination.write(tag(TAG_VIDEO, 100)); // over the backlog: dropped
  assert.equal(destination.stats.droppedTags, 1);
  publisher.backlog = 0; // the server caught up
  destination.write(tag(TAG_VIDEO, 100));
  destination.write(tag(TAG_AUDIO, 100));
  assert.equal(destination.stats.droppedTags, 3, 'a picture and audio after the gap: dropped');
  const keyframe = tag(TAG_VIDEO, 900, { keyframe: true });
  destination.write(keyframe);
  const after = tag(TAG_AUDIO, 100);
  destination.write(after);
  assert.equal(destination.stats.droppedTags, 3);
  assert.deepEqual(publisher.sent.slice(-2), [keyframe, after], 'the keyframe, then what follows it');
});

test('a connect that never goes live is closed after 15 s and retried', async (t) => {
  const { destination, publishers, last, tick } = setup(t);
  destination.start();
  await tick(14_000);
  assert.equal(last().kills, 0);
  await tick(2_000);
  assert.equal(last().kills, 1);
  await tick(1_000);
  assert.equal(last().kills, 1, 'closed once');
  last().end('host_unreachable', 'closed');
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 19_000,
    reason: 'stalled',
    detail: null,
  });
  await tick(2_000);
  assert.equal(publishers.length, 2);
});

test('stop() unpublishes, resolves when the connection ends, and nothing restarts it', async (t) => {
  const { destination, publishers, last, tick, progress } = setup(t);
  destination.start();
  last().publishing();
  await progress(MEDIA_BYTES);
  await tick(2_000);
  const publisher = last();
  let stopped = false;
  const stopping = destination.stop().then(() => (stopped = true));
  assert.deepEqual(destination.state, { phase: 'stopped' });
  assert.equal(publisher.stopRequested, true);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(stopped, false, 'waits for the connection to flush and close');
  publisher.end('dropped', 'stopped');
  await stopping;
  assert.equal(destination.stats.liveMs, 2_000);
  assert.equal(publisher.kills, 0);
  destination.start();
  destination.reconnectNow();
  await tick(60_000);
  assert.equal(publishers.length, 1);
  assert.deepEqual(destination.state, { phase: 'stopped' });
});

test('stop() while waiting to reconnect cancels the retry', async (t) => {
  const { destination, publishers, last, tick } = setup(t);
  destination.start();
  last().end('host_unreachable', 'connect ECONNREFUSED');
  assert.equal(destination.state.phase, 'reconnecting');
  await destination.stop();
  await tick(60_000);
  assert.equal(publishers.length, 1);
});

test('the stream key never appears in a state or the stats', async (t) => {
  const { destination, last, tick, states } = setup(t);
  destination.start();
  last().end('publish_refused');
  await tick(2_000);
  last().end('publish_refused');
  destination.reconnectNow();
  last().end('publish_refused');
  assert.ok(states.some((s) => s.phase === 'failed'));
  for (const seen of [...states, destination.state, destination.stats]) {
    const text = JSON.stringify(seen);
    assert.ok(!text.includes(KEY), `key leaked in ${text}`);
    assert.ok(!text.includes('push.example.com'), `server leaked in ${text}`);
  }
});

test('a refused ingest is watched during the wait: back up, it is tried at once, not at the next retry', async (t) => {
  const asked: Array<Pick<RtmpTarget, 'host' | 'port'>> = [];
  let up = false;
  const { destination, publishers, last, tick } = setup(t, readyGop(), async (target) => {
    asked.push(target);
    return up;
  });
  destination.start();
  last().end('host_unreachable', 'connect ECONNREFUSED');
  assert.equal(current(destination).phase, 'reconnecting');
  await tick(500);
  await tick(500);
  assert.equal(publishers.length, 1, 'still down: nothing started');
  assert.equal(asked.length, 2, 'asked every half second');
  assert.deepEqual([asked[0]!.host, asked[0]!.port], ['push.example.com', 1935]);
  up = true;
  await tick(500);
  assert.equal(publishers.length, 2, 'started as soon as the ingest listens again, before the 2 s retry');
  assert.equal(current(destination).phase, 'connecting');
  await tick(5_000);
  assert.equal(publishers.length, 2, 'the retry timer and the watch both ended with the new start');
  assert.equal(asked.length, 3);
});

test('a hung ingest (stalled) or a refused key is not watched: those servers are up', async (t) => {
  const asked: unknown[] = [];
  const { destination, last, tick } = setup(t, readyGop(), async (target) => {
    asked.push(target);
    return true;
  });
  destination.start();
  last().end('publish_refused');
  await tick(1_500);
  assert.deepEqual(asked, []);
  assert.equal(current(destination).phase, 'reconnecting');
});
