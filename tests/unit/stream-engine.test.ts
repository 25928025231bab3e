// The engine with fake processes: what it does with the encoder's output, and how it ends.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';

class FakeProcess extends EventEmitter {
  readonly args: string[];
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
    this.stdin.on('finish', () => this.exit(0, null)); // a pusher ends when its input does
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

function engine() {
  const spawned: FakeProcess[] = [];
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
    destinations: [{ id: 'a', url: 'rtmp://push.example.com/live/KEY' }],
    probe: null, // no network from a unit test
    spawn: (_command, args) => {
      const child = new FakeProcess(args);
      spawned.push(child);
      return child as unknown as ChildProcess;
    },
  });
  return { instance, spawned };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

test('live at the first keyframe; the pusher is primed; stop() asks the encoder to finish, then ends the pushers', async () => {
  const { instance, spawned } = engine();
  const started = instance.start();
  const [encoder, pusher] = spawned;
  assert.equal(spawned.length, 2, 'the encoder and one pusher');
  assert.equal(pusher!.args.at(-1), 'rtmp://push.example.com/live/KEY');
  encoder!.stdout.write(Buffer.concat([HEADER, CONFIG]));
  await flush();
  assert.equal(instance.phase, 'starting');
  encoder!.stdout.write(Buffer.concat([KEYFRAME, PICTURE]));
  await started;
  assert.equal(instance.phase, 'live');
  assert.deepEqual(Buffer.concat(pusher!.written), Buffer.concat([HEADER, CONFIG, KEYFRAME, PICTURE]));

  const summary = await instance.stop();
  assert.deepEqual(encoder!.signals, ['SIGINT']);
  assert.equal(pusher!.exited, true);
  assert.equal(summary.phase, 'stopped');
  assert.equal(summary.error, null);
  assert.equal(summary.destinations[0]!.state.phase, 'stopped');
});

test('output that is not FLV fails the engine, kills the encoder and rejects start()', async () => {
  const { instance, spawned } = engine();
  const rejected = assert.rejects(instance.start(), /could not be read/);
  const [encoder, pusher] = spawned;
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
  assert.equal(pusher!.exited, true);
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
