import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { test, type TestContext } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { Destination, type DestinationPhase } from '../../electron/core/stream/engine/destination.ts';
import { MEDIA_BYTES } from '../../electron/core/stream/engine/exit-reason.ts';
import { TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO, type FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';
import { GopCache } from '../../electron/core/stream/engine/gop-cache.ts';

const KEY = 'sk-7f3a9c2e1b-SECRET';
const URL = `rtmp://push.example.com/live/${KEY}?txSecret=${KEY}`;
const START = 1_000_000;

/** A pusher process: stdin collects what the destination writes, and stops draining when told to. */
class FakePusher extends EventEmitter {
  readonly written: Buffer[] = [];
  readonly signals: string[] = [];
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  draining = true;
  private held: Array<() => void> = [];
  readonly stdin = new Writable({
    highWaterMark: 64 * 1024,
    write: (chunk: Buffer, _encoding, done) => {
      this.written.push(chunk);
      if (this.draining) done();
      else this.held.push(done);
    },
  });

  readonly args: string[];

  constructor(args: string[]) {
    super();
    this.args = args;
  }

  /** The ingest catches up: everything queued is taken, and writes complete at once again. */
  release(): void {
    this.draining = true;
    for (const done of this.held.splice(0)) done();
  }

  kill(signal: string): boolean {
    this.signals.push(signal);
    return true;
  }

  /** ffmpeg's -progress block on stdout. */
  async progress(totalSize: number): Promise<void> {
    this.stdout.write(`frame=10\ntotal_size=${totalSize}\nout_time_us=1000000\nprogress=continue\n`);
    await flush();
  }

  async exit(stderr = '', code: number | null = 1, signal: string | null = null): Promise<void> {
    if (stderr) this.stderr.write(stderr);
    await flush();
    this.emit('exit', code, signal);
    await flush();
  }
}

/** The state as it is now (read through a call, so an earlier assertion does not narrow its type). */
function current(destination: Destination): DestinationPhase {
  return destination.state;
}

/** Lets stream events run (setImmediate is not among the mocked timers). */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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

function setup(t: TestContext, gop = readyGop(), probe?: (url: string) => Promise<boolean>) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: START });
  const pushers: FakePusher[] = [];
  const states: DestinationPhase[] = [];
  const destination = new Destination({
    id: 'douyin',
    url: URL,
    gop,
    spawn: (args) => {
      const pusher = new FakePusher(args);
      pushers.push(pusher);
      return pusher as unknown as ChildProcess;
    },
    onChange: () => states.push(destination.state),
    now: () => Date.now(),
    probe,
  });
  const tick = async (ms: number) => {
    t.mock.timers.tick(ms);
    await flush();
  };
  const last = () => pushers.at(-1)!;
  return { destination, pushers, states, gop, tick, last };
}

test("connecting, then live once the pusher reports a media's worth of bytes sent", async (t) => {
  const { destination, pushers, last, tick } = setup(t);
  assert.deepEqual(destination.state, { phase: 'idle' });
  destination.start();
  assert.equal(pushers.length, 1);
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 1 });
  await last().progress(3_000); // the RTMP handshake and connect
  assert.equal(destination.state.phase, 'connecting');
  await tick(1_000);
  await last().progress(MEDIA_BYTES);
  assert.deepEqual(destination.state, { phase: 'live', since: START + 1_000 });
  assert.equal(destination.stats.bytesSent, MEDIA_BYTES);
  await last().progress(MEDIA_BYTES + 125_000);
  await tick(1_000);
  assert.equal(destination.stats.bytesSent, MEDIA_BYTES + 125_000);
  assert.equal(destination.stats.kbps, 1_500, '190,536 − 3,000 bytes since the last sample, a second ago');
});

test('the first bytes a new pusher gets are exactly gop.prime(), then each following tag', async (t) => {
  const { destination, last, gop } = setup(t);
  destination.start();
  assert.deepEqual(last().written, [gop.prime()]);
  const next = tag(TAG_VIDEO, 700);
  gop.add(next);
  destination.write(next);
  assert.equal(last().written.length, 2);
  assert.equal(last().written[1], next.bytes);
});

test('a pusher started before the cache is ready is primed by the first tag that makes it ready', (t) => {
  const gop = new GopCache();
  const { destination, last } = setup(t, gop);
  gop.setHeader(Buffer.from('FLV\x01\x05\0\0\0\x09\0\0\0\0', 'latin1'));
  destination.start();
  assert.deepEqual(last().written, []);
  const config = tag(TAG_VIDEO, 50, { config: true });
  gop.add(config);
  destination.write(config);
  assert.deepEqual(last().written, [], 'no keyframe yet: nothing a server could decode');
  const keyframe = tag(TAG_VIDEO, 3000, { keyframe: true });
  gop.add(keyframe);
  destination.write(keyframe);
  assert.deepEqual(last().written, [gop.prime()], 'primed, and the keyframe not sent twice');
  assert.equal(Buffer.concat(last().written).length, 13 + 50 + 3000);
});

test('an exit while live: reconnecting 2 s later, then a new pusher primed from the cache', async (t) => {
  const { destination, pushers, last, tick, gop } = setup(t);
  destination.start();
  await last().progress(200_000);
  assert.equal(destination.state.phase, 'live');
  for (let second = 1; second <= 10; second++) {
    await tick(1_000);
    await last().progress(200_000 + second * 300_000);
  }
  assert.deepEqual(last().signals, [], 'progressing: not stalled');
  await last().exit(`${URL}: Broken pipe\n`);
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 12_000,
    reason: 'dropped',
  });
  assert.equal(destination.stats.reconnects, 1);
  assert.equal(destination.stats.liveMs, 10_000);
  assert.equal(destination.stats.kbps, 0);
  await tick(1_999);
  assert.equal(pushers.length, 1, 'waits the whole 2 s');
  await tick(1);
  assert.equal(pushers.length, 2);
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 2 });
  assert.deepEqual(last().written, [gop.prime()]);
});

test('three refusals in a row end as key_rejected, with no further pusher', async (t) => {
  const { destination, pushers, last, tick, states } = setup(t);
  destination.start();
  const refuse = () => last().exit(`${URL}: Input/output error\n`);
  await last().progress(3_500);
  await refuse();
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 2_000,
    reason: 'publish_refused',
  });
  await tick(2_000);
  await refuse();
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 2,
    retryAt: START + 5_000,
    reason: 'publish_refused',
  });
  await tick(3_000);
  assert.equal(pushers.length, 3);
  await refuse();
  assert.deepEqual(destination.state, { phase: 'failed', reason: 'key_rejected' });
  await tick(120_000);
  assert.equal(pushers.length, 3);
  assert.deepEqual(
    states.map((s) => s.phase),
    ['connecting', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'failed'],
  );
});

test('a refusal after going live starts the count again', async (t) => {
  const { destination, last, tick } = setup(t);
  destination.start();
  for (let i = 0; i < 2; i++) {
    await last().exit(`${URL}: Input/output error\n`);
    destination.reconnectNow();
  }
  await last().progress(MEDIA_BYTES * 4);
  assert.equal(destination.state.phase, 'live');
  await last().exit(`${URL}: Broken pipe\n`);
  await tick(2_000);
  await last().exit(`${URL}: Input/output error\n`);
  assert.equal(destination.state.phase, 'reconnecting', 'one refusal since it was live');
});

test('reconnectNow() skips the wait, does not hide a refused key, and restarts a key_rejected destination', async (t) => {
  const { destination, pushers, last, tick } = setup(t);
  destination.start();
  await last().exit(`${URL}: Input/output error\n`);
  assert.equal(destination.state.phase, 'reconnecting');
  destination.reconnectNow();
  assert.equal(pushers.length, 2, 'no wait');
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 2 });
  await tick(5_000);
  assert.equal(pushers.length, 2, 'the skipped retry does not start another pusher');

  destination.reconnectNow(); // while connecting: nothing to skip
  assert.equal(pushers.length, 2);
  await last().exit(`${URL}: Input/output error\n`);
  destination.reconnectNow();
  await last().exit(`${URL}: Input/output error\n`);
  assert.deepEqual(destination.state, { phase: 'failed', reason: 'key_rejected' }, 'still three refusals in a row');

  destination.reconnectNow(); // the host fixed the key
  assert.equal(pushers.length, 4);
  assert.equal(destination.state.phase, 'connecting');
  await last().exit(`${URL}: Input/output error\n`);
  assert.equal(current(destination).phase, 'reconnecting', 'counting again from zero');
});

test('a pusher that stops draining: tags beyond the backlog are dropped to the next keyframe; killed after 5 s', async (t) => {
  const { destination, pushers, last, tick } = setup(t);
  destination.start();
  await last().progress(MEDIA_BYTES * 2);
  assert.equal(destination.state.phase, 'live');
  last().draining = false;
  const frame = tag(TAG_VIDEO, 600 * 1024);
  for (let i = 0; i < 4; i++) destination.write(frame); // 2.4 MB queued: over the 2 MB backlog
  assert.equal(destination.stats.droppedTags, 0);
  const written = last().written.length;
  destination.write(frame);
  destination.write(tag(TAG_AUDIO, 300));
  assert.equal(destination.stats.droppedTags, 2);
  assert.equal(last().written.length, written);

  // The encoder keeps feeding it (each tag dropped): a hung ingest, not a paused encoder.
  const feed = async (seconds: number) => {
    for (let i = 0; i < seconds * 2; i++) {
      destination.write(tag(TAG_AUDIO, 300));
      await tick(500);
    }
  };
  await feed(4);
  assert.deepEqual(last().signals, [], 'not yet: under 5 s without progress');
  await feed(2);
  assert.deepEqual(last().signals, ['SIGKILL']);
  await last().exit('', null, 'SIGKILL');
  assert.deepEqual(current(destination), {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 8_000, // killed at 6 s, retried 2 s later
    reason: 'stalled',
  });
  await tick(2_000);
  assert.equal(pushers.length, 2);
  assert.equal(destination.stats.droppedTags, 14);
});

test('an encoder pausing (its capture being replaced) is no fault of the ingest: the pusher is kept', async (t) => {
  const { destination, last, tick } = setup(t);
  destination.start();
  await last().progress(MEDIA_BYTES * 2);
  destination.write(tag(TAG_AUDIO, 300));
  await tick(8_000); // nothing to send, so nothing sent
  assert.deepEqual(last().signals, []);
  destination.write(tag(TAG_VIDEO, 300, { keyframe: true })); // fed again: the stall clock starts afresh
  await tick(1_000);
  destination.write(tag(TAG_AUDIO, 300));
  await tick(1_000);
  assert.deepEqual(last().signals, [], 'a second of silence after resuming is not a hang');
  assert.equal(destination.state.phase, 'live');
});

test('retarget(): a new key replaces a rejected one at once, counting afresh; a running pusher is ended first', async (t) => {
  const { destination, pushers, last } = setup(t);
  destination.start();
  for (let i = 0; i < 3; i++) {
    await last().exit(`${URL}: Input/output error\n`);
    if (i < 2) destination.reconnectNow();
  }
  assert.deepEqual(destination.state, { phase: 'failed', reason: 'key_rejected' });
  destination.retarget('rtmp://push.example.com/live/NEW_KEY');
  assert.equal(pushers.length, 4);
  assert.equal(last().args.at(-1), 'rtmp://push.example.com/live/NEW_KEY');
  assert.deepEqual(destination.state, { phase: 'connecting', attempt: 1 });

  destination.retarget('rtmp://push.example.com/live/THIRD_KEY'); // while connecting
  assert.deepEqual(last().signals, ['SIGKILL']);
  await last().exit('', null, 'SIGKILL');
  assert.equal(pushers.length, 5, 'started again at once, not after a countdown');
  assert.equal(last().args.at(-1), 'rtmp://push.example.com/live/THIRD_KEY');
  assert.equal(destination.stats.reconnects, 2, 'the two refusals before key_rejected; the switch is not one');
});

test('after a drop, nothing is sent until a keyframe, which resumes the stream', async (t) => {
  const { destination, last } = setup(t);
  destination.start();
  const pusher = last();
  pusher.draining = false;
  const big = tag(TAG_VIDEO, 2 * 1024 * 1024 + 1); // the primed bytes were drained already
  destination.write(big);
  destination.write(tag(TAG_VIDEO, 100)); // over the backlog: dropped
  assert.equal(destination.stats.droppedTags, 1);
  pusher.release();
  await flush();
  assert.equal(pusher.stdin.writableLength, 0);
  destination.write(tag(TAG_VIDEO, 100));
  destination.write(tag(TAG_AUDIO, 100));
  assert.equal(destination.stats.droppedTags, 3, 'a picture and audio after the gap: dropped');
  const keyframe = tag(TAG_VIDEO, 900, { keyframe: true });
  destination.write(keyframe);
  const after = tag(TAG_AUDIO, 100);
  destination.write(after);
  assert.equal(destination.stats.droppedTags, 3);
  const [first, second] = pusher.written.slice(-2);
  assert.ok(first === keyframe.bytes && second === after.bytes, 'the keyframe, then what follows it');
});

test('a connect that never goes live is killed after 15 s and retried', async (t) => {
  const { destination, pushers, last, tick } = setup(t);
  destination.start();
  await last().progress(4_000);
  await tick(14_000);
  assert.deepEqual(last().signals, []);
  await tick(2_000);
  assert.deepEqual(last().signals, ['SIGKILL']);
  await tick(1_000);
  assert.deepEqual(last().signals, ['SIGKILL'], 'killed once');
  await last().exit('', null, 'SIGKILL');
  assert.deepEqual(destination.state, {
    phase: 'reconnecting',
    attempt: 1,
    retryAt: START + 19_000,
    reason: 'stalled',
  });
  await tick(2_000);
  assert.equal(pushers.length, 2);
});

test('stop() ends stdin, resolves when the pusher exits, and nothing restarts it', async (t) => {
  const { destination, pushers, last, tick } = setup(t);
  destination.start();
  await last().progress(MEDIA_BYTES);
  await tick(3_000);
  const pusher = last();
  let stopped = false;
  const stopping = destination.stop().then(() => (stopped = true));
  assert.deepEqual(destination.state, { phase: 'stopped' });
  assert.equal(pusher.stdin.writableEnded, true);
  await flush();
  assert.equal(stopped, false, 'waits for the pusher to flush and exit');
  await pusher.exit('', 0);
  await stopping;
  assert.equal(stopped, true);
  assert.equal(destination.stats.liveMs, 3_000);
  assert.deepEqual(pusher.signals, []);
  destination.start();
  destination.reconnectNow();
  await tick(60_000);
  assert.equal(pushers.length, 1);
  assert.deepEqual(destination.state, { phase: 'stopped' });
});

test('stop() kills a pusher that does not exit within 5 s', async (t) => {
  const { destination, last, tick } = setup(t);
  destination.start();
  const stopping = destination.stop();
  await tick(4_999);
  assert.deepEqual(last().signals, []);
  await tick(1);
  assert.deepEqual(last().signals, ['SIGKILL']);
  await last().exit('', null, 'SIGKILL');
  await stopping;
});

test('stop() while waiting to reconnect cancels the retry', async (t) => {
  const { destination, pushers, last, tick } = setup(t);
  destination.start();
  await last().exit(`${URL}: Connection refused\n`);
  assert.equal(destination.state.phase, 'reconnecting');
  await destination.stop();
  await tick(60_000);
  assert.equal(pushers.length, 1);
});

test("the stream key never appears in a state or the stats, only in the pusher's arguments", async (t) => {
  const { destination, pushers, last, tick, states } = setup(t);
  destination.start();
  await last().progress(MEDIA_BYTES);
  await last().exit(`[rtmp @ 0x1] Server error\n${URL}: Input/output error\n`);
  await tick(2_000);
  await last().exit(`${URL}: Input/output error\n`);
  destination.reconnectNow();
  await last().exit(`${URL}: Input/output error\n`);
  destination.reconnectNow();
  await last().exit(`${URL}: Input/output error\n`);
  assert.ok(states.length >= 8);
  assert.ok(states.some((s) => s.phase === 'failed'));
  for (const seen of [...states, destination.state, destination.stats]) {
    const text = JSON.stringify(seen);
    assert.ok(!text.includes(KEY), `key leaked in ${text}`);
    assert.ok(!text.includes('push.example.com'), `URL leaked in ${text}`);
  }
  assert.equal(pushers[0]!.args.at(-1), URL);
});

test('a refused ingest is watched during the wait: back up, it is tried at once, not at the next retry', async (t) => {
  const asked: string[] = [];
  let up = false;
  const { destination, pushers, last, tick } = setup(t, readyGop(), async (url) => {
    asked.push(url);
    return up;
  });
  destination.start();
  await last().exit('rtmp://push.example.com/live/x: Connection refused');
  assert.equal(current(destination).phase, 'reconnecting');
  await tick(500);
  await tick(500);
  assert.equal(pushers.length, 1, 'still down: nothing started');
  assert.deepEqual(asked, [URL, URL], 'asked every half second');
  up = true;
  await tick(500);
  assert.equal(pushers.length, 2, 'started as soon as the ingest listens again, before the 2 s retry');
  assert.equal(current(destination).phase, 'connecting');
  await tick(5_000);
  assert.equal(pushers.length, 2, 'the retry timer and the watch both ended with the new start');
  assert.equal(asked.length, 3);
});

test('a hung ingest (stalled) or a refused key is not watched: those servers are up', async (t) => {
  const asked: string[] = [];
  const { destination, last, tick } = setup(t, readyGop(), async (url) => {
    asked.push(url);
    return true;
  });
  destination.start();
  await last().exit('rtmp://push.example.com/live/x: Input/output error'); // publish refused
  await tick(1_500);
  assert.deepEqual(asked, []);
  assert.equal(current(destination).phase, 'reconnecting');
});
