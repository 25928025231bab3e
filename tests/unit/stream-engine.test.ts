// The engine with fake encoder processes and fake publishers: what it does with the encoder's output, and how it ends.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { test, type TestContext } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import type { EngineOptions, EngineOverlay } from '../../electron/core/stream/engine/engine-types.ts';
import type { OverlayPlaces } from '../../electron/core/stream/engine/encoder-args.ts';
import type { FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';
import type { Publisher, PublisherEvents } from '../../electron/core/stream/rtmp/publisher.ts';
import { rtmpTarget, type RtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';

class FakeProcess extends EventEmitter {
  readonly args: string[];
  env: NodeJS.ProcessEnv | undefined;
  readonly signals: string[] = [];
  readonly written: Buffer[] = [];
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdin = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.written.push(chunk);
      done();
    },
  });
  readonly stdio: unknown[];
  exited = false;

  constructor(args: string[]) {
    super();
    this.args = args;
    this.stdio = [this.stdin, this.stdout, this.stderr, new PassThrough(), new PassThrough()];
  }

  kill(signal: string): boolean {
    this.signals.push(signal);
    setImmediate(() => this.exit(signal === 'SIGINT' ? 255 : null, signal === 'SIGINT' ? null : signal));
    return true;
  }

  exit(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code, signal);
  }
}

/** A destination's connection that the server accepts at once; records the tags it is sent. */
class FakePublisher implements Publisher {
  readonly sent: FlvTag[] = [];
  readonly target: RtmpTarget;
  readonly sentBytes = 0;
  readonly backlog = 0;
  ended = false;
  private readonly events: PublisherEvents;
  constructor(target: RtmpTarget, events: PublisherEvents) {
    this.target = target;
    this.events = events;
    queueMicrotask(() => events.onPublishing());
  }
  send(tag: FlvTag): void {
    this.sent.push(tag);
  }
  async stop(): Promise<void> {
    this.kill();
  }
  kill(): void {
    if (this.ended) return;
    this.ended = true;
    this.events.onEnd({ reason: 'dropped', detail: 'closed' });
  }
}

function flvTag(type: number, timestamp: number, data: number[]): Buffer {
  const tag = Buffer.alloc(11 + data.length + 4);
  tag[0] = type;
  tag.writeUIntBE(data.length, 1, 3);
  tag.writeUIntBE(timestamp & 0xffffff, 4, 3);
  Buffer.from(data).copy(tag, 11);
  tag.writeUInt32BE(11 + data.length, 11 + data.length);
  return tag;
}

const HEADER = Buffer.from('FLV\x01\x05\0\0\0\x09\0\0\0\0', 'latin1');
const CONFIG = flvTag(9, 0, [0x17, 0, 0, 0, 0, 1, 0x64]);
const KEYFRAME = flvTag(9, 0, [0x17, 1, 0, 0, 0, 0xaa, 0xbb]);
const PICTURE = flvTag(9, 33, [0x27, 1, 0, 0, 0, 0xcc]);

function engine(extra: Partial<EngineOptions> = {}) {
  const spawned: FakeProcess[] = [];
  const publishers: FakePublisher[] = [];
  const instance = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: { kind: 'test-pattern' },
    settings: {
      width: 320,
      height: 240,
      fps: 15,
      videoKbps: 800,
      audioKbps: 96,
      encoder: 'libx264',
      preset: 'veryfast',
      lowLatency: false,
    },
    destinations: [{ id: 'a', target: rtmpTarget('rtmp://push.example.com/live', 'KEY')! }],
    probe: null, // no network from a unit test
    connect: (target, events) => {
      const publisher = new FakePublisher(target, events);
      publishers.push(publisher);
      return publisher;
    },
    spawn: (_command, args, options) => {
      const child = new FakeProcess(args);
      child.env = options.env;
      spawned.push(child);
      return child as unknown as ChildProcess;
    },
    ...extra,
  });
  return { instance, spawned, publishers };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

test('live at the first keyframe; the destination is primed; stop() asks the encoder to finish, then ends the connections', async () => {
  const { instance, spawned, publishers } = engine();
  const started = instance.start();
  const [encoder] = spawned;
  assert.equal(spawned.length, 1, 'one process, the encoder: destinations publish from the core itself');
  const [publisher] = publishers;
  assert.equal(publisher!.target.name, 'KEY');
  assert.ok(!encoder!.args.some((arg) => arg.includes('KEY')), 'the key is on no command line');
  if (process.platform === 'linux')
    assert.match(encoder!.env?.GLIBC_TUNABLES ?? '', /malloc\.trim_threshold/, 'encoder-env.ts');
  encoder!.stdout.write(Buffer.concat([HEADER, CONFIG]));
  await flush();
  assert.equal(instance.phase, 'starting');
  encoder!.stdout.write(Buffer.concat([KEYFRAME, PICTURE]));
  await started;
  assert.equal(instance.phase, 'live');
  assert.deepEqual(
    publisher!.sent.map((tag) => tag.bytes),
    [CONFIG, KEYFRAME, PICTURE],
  );

  const summary = await instance.stop();
  assert.deepEqual(encoder!.signals, ['SIGINT']);
  assert.equal(publisher!.ended, true);
  assert.equal(summary.phase, 'stopped');
  assert.equal(summary.error, null);
  assert.equal(summary.destinations[0]!.state.phase, 'stopped');
});

test('output that is not FLV fails the engine, kills the encoder and rejects start()', async () => {
  const { instance, spawned, publishers } = engine();
  const rejected = assert.rejects(instance.start(), /could not be read/);
  const [encoder] = spawned;
  encoder!.stdout.write(Buffer.from('this is not what an FLV muxer writes'));
  await flush();
  assert.equal(instance.phase, 'failed');
  assert.match(instance.error ?? '', /could not be read: not an FLV stream/);
  assert.deepEqual(encoder!.signals, ['SIGKILL'], 'not left running');
  await rejected;
  encoder!.stdout.write(Buffer.from('more of the same'));
  await flush();
  assert.deepEqual(encoder!.signals, ['SIGKILL']);

  const summary = await instance.stop();
  assert.equal(summary.phase, 'failed');
  assert.equal(publishers[0]!.ended, true);
});

test('an encoder that exits before any media rejects start() with what it printed', async () => {
  const { instance, spawned } = engine();
  const rejected = assert.rejects(instance.start(), /exit 1.*No such filter/);
  const [encoder] = spawned;
  encoder!.stderr.write("[lavfi @ 0x1] No such filter: 'testsrc'\n");
  await flush();
  encoder!.exit(1, null);
  await rejected;
  assert.equal(instance.phase, 'failed');
  await instance.stop();
});

const AUDIO_CONFIG = flvTag(8, 0, [0xaf, 0, 0x12, 0x10]);
const SOUND = (ts: number) => flvTag(8, ts, [0xaf, 1, 0x21]);
const KEY_AT = (ts: number) => flvTag(9, ts, [0x17, 1, 0, 0, 0, 0xaa]);
const PICTURE_AT = (ts: number) => flvTag(9, ts, [0x27, 1, 0, 0, 0, 0xcc]);
const METADATA = flvTag(18, 0, [2, 0, 10, ...Buffer.from('onMetaData')]);
/** What a freshly started encoder writes first. */
const OPENING = Buffer.concat([HEADER, METADATA, CONFIG, AUDIO_CONFIG]);

/** Tags (type and timestamp) a destination was sent. */
function sent(publisher: FakePublisher): Array<[number, number]> {
  return publisher.sent.map((tag) => [tag.type, tag.timestamp]);
}

async function liveEngine(t: TestContext, extra: Partial<EngineOptions> = {}) {
  const made = engine({ source: { kind: 'linux', video: '/dev/video0', audio: 'default' }, ...extra });
  t.after(() => made.instance.stop()); // a failed assertion must not leave its timers running
  const started = made.instance.start();
  const [camera] = made.spawned as [FakeProcess];
  camera.stdout.write(Buffer.concat([OPENING, KEY_AT(0), SOUND(10), PICTURE_AT(33), SOUND(33)]));
  await started;
  return { ...made, camera, publisher: made.publishers[0]! };
}

test('a camera lost mid-show: the silent test pattern takes over on the same timeline, and the show stays live', async (t) => {
  const { instance, spawned, camera, publisher } = await liveEngine(t);
  camera.stderr.write('[video4linux2 @ 0x1] ioctl(VIDIOC_DQBUF): No such device\n');
  await flush();
  camera.exit(1, null);
  await flush();
  assert.equal(instance.phase, 'live');
  assert.equal(instance.source.fallback, true);
  assert.equal(instance.source.lostReason, 'exited');
  assert.match(instance.source.lostDetail ?? '', /No such device/);
  const standIn = spawned[1]!;
  assert.ok(
    standIn.args.some((arg) => arg.startsWith('testsrc=')),
    'the test pattern',
  );
  assert.ok(
    standIn.args.some((arg) => arg.startsWith('anullsrc=')),
    'without its beep',
  );

  // A new encoder starts from zero, with its own header, metadata and (the same) configuration.
  standIn.stdout.write(Buffer.concat([OPENING, SOUND(0), KEY_AT(0), SOUND(21), PICTURE_AT(33)]));
  await flush();
  assert.deepEqual(sent(publisher), [
    [18, 0],
    [9, 0],
    [8, 0],
    [9, 0],
    [8, 10],
    [9, 33],
    [8, 33],
    // joined one frame (1000/15 ≈ 67 ms) after the last tag; the sound before the keyframe is not sent
    [9, 100],
    [8, 121],
    [9, 133],
  ]);
  const summary = await instance.stop();
  assert.equal(summary.source.losses, 1);
  assert.equal(summary.phase, 'stopped');
  assert.equal(summary.error, null);
});

test('a camera that stops delivering pictures is ended after 5 s and replaced; its sound alone does not count', async (t) => {
  let clock = 10_000;
  const { instance, spawned, camera } = await liveEngine(t, { now: () => clock });
  clock += 4_000;
  camera.stdout.write(SOUND(60)); // sound still arriving: the picture is what stalled
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(camera.signals, [], 'not before 5 s');
  clock += 2_000;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(camera.signals, ['SIGKILL']);
  await flush();
  assert.equal(instance.source.lostReason, 'stalled');
  assert.equal(spawned.length, 2, 'the stand-in started');
  await instance.stop();
});

test('switching back: the camera runs beside the pattern and takes over at its keyframe, new configuration first', async (t) => {
  const { instance, spawned, camera, publisher } = await liveEngine(t);
  assert.equal(instance.restoreSource(), false, 'nothing to switch back to');
  camera.exit(1, null);
  await flush();
  const standIn = spawned[1]!;
  standIn.stdout.write(Buffer.concat([OPENING, KEY_AT(0), PICTURE_AT(33)]));
  await flush();
  const before = sent(publisher).length;

  assert.equal(instance.restoreSource(), true);
  assert.equal(instance.restoreSource(), false, 'one try at a time');
  assert.equal(instance.source.restoring, true);
  const again = spawned[2]!;
  assert.deepEqual(again.args, camera.args, 'the chosen source again');
  const newConfig = flvTag(9, 0, [0x17, 0, 0, 0, 0, 1, 0x4d]); // another profile: must reach the viewers
  again.stdout.write(Buffer.concat([HEADER, METADATA, newConfig, AUDIO_CONFIG, SOUND(0)]));
  await flush();
  assert.equal(sent(publisher).length, before, 'nothing from it before its keyframe');
  standIn.stdout.write(PICTURE_AT(67));
  await flush();
  again.stdout.write(Buffer.concat([KEY_AT(40), SOUND(40), PICTURE_AT(73)]));
  await flush();
  assert.deepEqual(standIn.signals, ['SIGKILL'], 'the pattern is ended once the camera is back');
  assert.equal(instance.source.fallback, false);
  assert.equal(instance.source.restoring, false);
  const tail = sent(publisher).slice(before);
  // the pattern's last picture (167), then the camera one frame later, its configuration first
  assert.deepEqual(tail, [
    [9, 167],
    [9, 234],
    [9, 234],
    [8, 234],
    [9, 267],
  ]);
  assert.ok(
    publisher.sent.some((tag) => tag.bytes.subarray(11, -4).equals(newConfig.subarray(11, -4))),
    'the changed configuration was sent',
  );
  await instance.stop();
});

test('a camera still missing: switching back fails, the show stays on the pattern and says so', async (t) => {
  const { instance, spawned, camera } = await liveEngine(t);
  camera.exit(1, null);
  await flush();
  spawned[1]!.stdout.write(Buffer.concat([OPENING, KEY_AT(0)]));
  await flush();
  instance.restoreSource();
  spawned[2]!.stderr.write('/dev/video0: No such file or directory\n');
  spawned[2]!.exit(1, null);
  await flush();
  assert.equal(instance.phase, 'live');
  assert.equal(instance.source.fallback, true);
  assert.equal(instance.source.restoring, false);
  assert.equal(instance.source.restoreFailed, true);
  assert.equal(instance.source.losses, 1, 'a failed try is not another loss');
  await instance.stop();
});

test('an encoder that keeps failing whatever it encodes ends the show (4 losses within a minute)', async (t) => {
  const { instance, spawned, camera } = await liveEngine(t);
  camera.exit(1, null);
  for (let n = 0; n < 3; n++) {
    await flush();
    const standIn = spawned.at(-1)!;
    standIn.stdout.write(Buffer.concat([OPENING, KEY_AT(0)]));
    await flush();
    assert.equal(instance.phase, 'live', `loss ${n + 1}`);
    standIn.exit(1, null);
  }
  await flush();
  assert.equal(instance.phase, 'failed');
  assert.match(instance.error ?? '', /4 times within a minute/);
  await instance.stop();
});

/** An overlay as the overlay domain hands it over: two slots, their places, and whoever follows their moves. */
function fakeOverlay() {
  let places: OverlayPlaces = { card: { x: 24, y: 468 }, ticker: { x: 0, y: 676 } };
  let mover: ((places: OverlayPlaces) => Promise<void>) | null = null;
  const overlay: EngineOverlay = {
    encoder: {
      imagePath: '/tmp/atlas.yuva',
      atlas: { width: 320, height: 100 },
      slots: [
        { name: 'card', x: 0, y: 0, width: 100, height: 50 },
        { name: 'ticker', x: 0, y: 50, width: 320, height: 20 },
      ],
      ticker: null,
    },
    places: () => places,
    follow: (next) => (mover = next),
  };
  const move = (next: OverlayPlaces) => {
    places = next;
    return mover ? mover(next) : Promise.resolve();
  };
  return { overlay, move, following: () => mover !== null };
}

test('the overlay moves: the encoder is told on stdin and answers; the next encoder starts at the new places', async (t) => {
  const { overlay, move, following } = fakeOverlay();
  const { instance, spawned, camera } = await liveEngine(t, { overlay });
  assert.ok(following(), 'the engine follows the overlay from its start');
  assert.ok(camera.args.join(' ').includes('overlay@card=x=24:y=468'), 'it starts at the places of the moment');
  assert.ok(!camera.args.includes('-nostdin'));

  let moved = false;
  const moving = move({ card: { x: 196, y: 24 }, ticker: { x: 0, y: 0 } }).then(() => (moved = true));
  await flush();
  assert.equal(
    Buffer.concat(camera.written).toString(),
    'coverlay@card -1 x 196\ncoverlay@card -1 y 24\ncoverlay@ticker -1 y 0\n',
  );
  camera.stderr.write(
    '\nEnter command: <target>|all <time>|-1 <command>[ <argument>]\n\nCommand reply for stream 0: ret:0 res:\n',
  );
  await flush();
  assert.equal(moved, false, 'not done before ffmpeg has answered every command');
  camera.stderr.write(
    '\nEnter command: <target>|all <time>|-1 <command>[ <argument>]\n\nCommand reply for stream 0: ret:0 res:\n'.repeat(
      2,
    ),
  );
  await moving;

  camera.stderr.write('[video4linux2 @ 0x1] ioctl(VIDIOC_DQBUF): No such device\n');
  camera.exit(1, null);
  await flush();
  const standIn = spawned[1]!;
  assert.ok(standIn.args.join(' ').includes('overlay@card=x=196:y=24'), 'the stand-in starts where the card is now');
  assert.ok(standIn.args.join(' ').includes('overlay@ticker=x=0:y=0'));
  assert.match(instance.source.lostDetail ?? '', /No such device/);
  assert.doesNotMatch(instance.source.lostDetail ?? '', /Enter command|Command reply/, 'the echoes are not the why');
  await instance.stop();
  assert.equal(following(), false, 'stopped, the engine no longer follows');
});
