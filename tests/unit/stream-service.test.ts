// The stream service on a real SQLite file with a stand-in engine and ffmpeg: keys stay sealed and masked, the
// settings and destination rules, every refusal to go live, the phases and how often they are announced, an
// encoder that dies mid-show (its error scrubbed of keys), and overload detection.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { openDatabase, type Db } from '../../electron/core/db/connection.ts';
import { Writer } from '../../electron/core/db/writer.ts';
import type { Publish } from '../../electron/core/publish.ts';
import type { Events } from '../../electron/core/protocol/contract.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import type { StreamState } from '../../electron/core/protocol/stream-schemas.ts';
import type { DestinationPhase, DestinationStats } from '../../electron/core/stream/engine/destination.ts';
import type { EngineOptions, EngineSummary, SourceState } from '../../electron/core/stream/engine/engine-types.ts';
import type { FfmpegProbe } from '../../electron/core/ffmpeg/probe.ts';
import { StreamService, type Engine, type StreamDeps } from '../../electron/core/stream/stream-service.ts';
import { DEFAULT_SETTINGS } from '../../electron/core/stream/stream-store.ts';
import { SecretBox } from '../../electron/core/system/secret-box.ts';
import type { RtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';

const KEY = 'live_8f3a9c2e71d04b_SECRET';
const KEY2 = 'sk_second_0b5e77aa_SECRET';
const NEW_KEY = 'sk_replaced_91c3d2_SECRET';

class FakeEngine {
  phase: Engine['phase'] = 'idle';
  error: string | null = null;
  health = { fps: 0, speed: null as number | null, frames: 0, droppedFrames: 0, mediaSeconds: 0 };
  startedAt: number | null = null;
  readonly destinations: Array<{ id: string; state: DestinationPhase; stats: DestinationStats }>;
  readonly options: EngineOptions;
  readonly reconnected: string[] = [];
  readonly retargeted: Array<{ id: string; target: RtmpTarget }> = [];
  readonly source: SourceState = {
    fallback: false,
    lostReason: null,
    lostAt: null,
    lostDetail: null,
    losses: 0,
    restoring: false,
    restoreFailed: false,
  };
  audio = { muted: false, silentMs: 0 };
  /** Whether a silent frame could be made (setMuted(true) is refused without one). */
  canMute = true;
  restores = 0;
  stops = 0;
  recordedBytes = 0;
  recordedMs = 0;
  /** How the recording was ended early (remuxed or not), once. */
  endedRecording: boolean[] = [];
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null;

  async setMuted(muted: boolean): Promise<boolean> {
    if (muted && !this.canMute) return false;
    this.audio.muted = muted;
    return true;
  }

  constructor(options: EngineOptions) {
    this.options = options;
    this.destinations = options.destinations.map((d) => ({
      id: d.id,
      state: { phase: 'idle' },
      stats: { bytesSent: 0, kbps: 0, droppedTags: 0, reconnects: 0, liveMs: 0 },
    }));
  }
  start(): Promise<void> {
    this.phase = 'starting';
    for (const d of this.destinations) d.state = { phase: 'connecting', attempt: 1 };
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }
  goLive(): void {
    this.phase = 'live';
    this.startedAt = 1000;
    this.options.onChange?.();
    this.settle?.resolve();
  }
  crash(why: string): void {
    this.phase = 'failed';
    this.error = why;
    this.options.onChange?.();
    this.settle?.reject(new Error(why));
  }
  set(id: string, state: DestinationPhase): void {
    this.destinations.find((d) => d.id === id)!.state = state;
    this.options.onChange?.();
  }
  reconnectNow(id: string): void {
    this.reconnected.push(id);
  }
  retarget(id: string, target: RtmpTarget): void {
    this.retargeted.push({ id, target });
  }
  restoreSource(): boolean {
    if (!this.source.fallback || this.source.restoring) return false;
    this.restores += 1;
    this.source.restoring = true;
    this.options.onChange?.();
    return true;
  }
  async endRecording(remux: boolean) {
    this.endedRecording.push(remux);
    const file = `${this.options.recordPath}.recording.flv`;
    fs.writeFileSync(file, 'flv');
    return { file, bytes: 3, remuxed: false };
  }
  loseSource(detail: string): void {
    Object.assign(this.source, { fallback: true, lostReason: 'exited', lostAt: 2000, lostDetail: detail });
    this.source.losses += 1;
    this.options.onChange?.();
  }
  async stop(): Promise<EngineSummary> {
    this.stops += 1;
    if (this.phase !== 'failed') this.phase = 'stopped';
    for (const d of this.destinations) d.state = { phase: 'stopped' };
    this.settle?.reject(new Error('stopped'));
    const file = this.options.recordPath;
    if (file) fs.writeFileSync(file, 'mp4');
    return {
      phase: this.phase,
      error: this.error,
      liveMs: 0,
      health: this.health,
      destinations: [],
      source: { ...this.source },
      recording: file ? { file, bytes: 3, remuxed: true } : null,
      recordingError: null,
    };
  }
}

const PROBE: FfmpegProbe = {
  path: '/usr/bin/ffmpeg',
  version: '7.1',
  h264Encoders: ['libx264'],
  filters: { overlay: true, drawtext: true },
  error: null,
};

interface Setup {
  service: StreamService;
  db: Db;
  dataDir: string;
  events: Array<{ name: keyof Events; data: unknown }>;
  engines: FakeEngine[];
  engineNo(n: number): Promise<FakeEngine>;
  /** Another writer on the same database (another service reading it), closed with the test. */
  writerFor(publish: Publish): Writer;
  states(): StreamState[];
  /** Resolves with the first announced state (past or coming) for which `ok` holds. */
  announced(ok: (state: StreamState) => boolean): Promise<StreamState>;
  deps: StreamDeps;
}

function setup(t: TestContext, deps: Partial<StreamDeps> = {}, key = crypto.randomBytes(32)): Setup {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-stream-unit-'));
  const db = openDatabase(path.join(dataDir, 'livecart.db'));
  const events: Setup['events'] = [];
  const engines: FakeEngine[] = [];
  const engineMade: Array<() => void> = [];
  /**
   * The n-th engine, once the service has made it (start() makes it after its checks and writes, which take a few
   * turns of the loop); bounded, so a start that never gets there fails here rather than hanging the run.
   */
  const engineNo = async (n: number): Promise<FakeEngine> => {
    const deadline = Date.now() + 20_000;
    while (engines.length <= n) {
      if (Date.now() > deadline) assert.fail(`engine ${n} was never made`);
      await new Promise<void>((resolve) => {
        engineMade.push(resolve);
        setTimeout(resolve, 1_000).unref();
      });
    }
    return engines[n]!;
  };
  const all: StreamDeps = {
    locate: () => ({ path: '/usr/bin/ffmpeg', source: 'path' }),
    probe: async () => PROBE,
    chooseEncoder: async () => ({ encoder: 'libx264', hardware: false, reason: 'no-hardware', failed: [] }),
    listDevices: async () => [],
    createEngine: (options) => {
      const engine = new FakeEngine(options);
      engines.push(engine);
      for (const made of engineMade.splice(0)) made();
      return engine;
    },
    freeSpace: async () => 500 * 1024 ** 3,
    preflightPublisher: () => {
      throw new Error('these tests publish nothing');
    },
    platform: 'linux',
    now: Date.now,
    ...deps,
  };
  const waiters: Array<() => void> = [];
  const publish = (name: keyof Events, data: unknown) => {
    events.push({ name, data });
    for (const wake of waiters.splice(0)) wake();
  };
  // Every writer on this database, closed (its WAL flushed, its writes answered) before the database is.
  const writers: Writer[] = [];
  const writerFor = (to: Publish) => {
    const writer = new Writer(db, to);
    writers.push(writer);
    return writer;
  };
  const service = new StreamService(db, writerFor(publish), publish, {
    dataDir,
    secrets: new SecretBox(key),
    deps: all,
  });
  t.after(async () => {
    await service.close();
    for (const writer of writers) writer.close();
    db.close();
  });
  const states = () =>
    events.filter((e) => e.name === 'stream.changed').map((e) => (e.data as { state: StreamState }).state);
  const announced = async (ok: (state: StreamState) => boolean) => {
    for (;;) {
      const found = states().find(ok);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { service, db, dataDir, events, engines, engineNo, states, announced, deps: all, writerFor };
}

const douyin = {
  name: '抖音',
  platform: 'douyin' as const,
  serverUrl: 'rtmp://push.example.com/live',
  streamKey: KEY,
  enabled: true,
};

async function refusal(work: () => unknown): Promise<string[]> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof StudioError, String(error));
    assert.equal(error.code, 'refused', error.message);
    return error.issues!.map((i) => i.code);
  }
  assert.fail('expected a refusal');
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a saved key comes back only masked: not in the reply, the state, any event, or the database files', async (t) => {
  const { service, db, dataDir, events } = setup(t);
  const saved = await service.saveDestination(undefined, douyin);
  assert.deepEqual(saved, {
    id: saved.id,
    name: '抖音',
    platform: 'douyin',
    maskedUrl: 'rtmp://push.example.com/live/••••',
    hasKey: true,
    enabled: true,
    live: null,
  });
  const state = service.state();
  assert.deepEqual(state.destinations, [saved]);
  assert.ok(!JSON.stringify(state).includes(KEY));
  assert.ok(events.length > 0 && !JSON.stringify(events).includes(KEY));
  const cipher = db.prepare('SELECT key_cipher FROM stream_destinations').pluck().get() as string;
  assert.match(cipher, /^v1:/);
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of fs.readdirSync(dataDir)) {
    const bytes = fs.readFileSync(path.join(dataDir, file));
    assert.ok(!bytes.includes(KEY), `${file} holds the key in clear`);
  }
});

test('an update without a key keeps the stored one; a key sealed under another data key counts as missing', async (t) => {
  const key = crypto.randomBytes(32);
  const { writerFor, engineNo, service, engines, db, dataDir } = setup(t, {}, key);
  const { id } = await service.saveDestination(undefined, douyin);
  const renamed = await service.saveDestination(id, { ...douyin, name: '抖音主号', streamKey: undefined });
  assert.equal(renamed.name, '抖音主号');
  assert.equal(renamed.hasKey, true);
  // The page only knows the masked URL, so an update may leave the address out too: the stored one stays.
  const toggled = await service.saveDestination(id, {
    ...douyin,
    serverUrl: undefined,
    streamKey: undefined,
    enabled: true,
  });
  assert.equal(toggled.maskedUrl, 'rtmp://push.example.com/live/••••');
  await service.saveDestination(id, { ...douyin, streamKey: '' });
  const starting = service.start();
  await engineNo(0);
  engines[0]!.goLive();
  await starting;
  assert.deepEqual(
    engines[0]!.options.destinations.map((d) => [d.target.tcUrl, d.target.name]),
    [['rtmp://push.example.com:1935/live', KEY]],
    'the engine gets the stored key, for its own server',
  );
  await service.stop();

  // The same database opened with another data key (the key file lost): the host must type the key again.
  const other = new StreamService(
    db,
    writerFor(() => {}),
    () => {},
    {
      dataDir,
      secrets: new SecretBox(crypto.randomBytes(32)),
    },
  );
  assert.equal(other.state().destinations[0]!.hasKey, false);
  assert.deepEqual(await refusal(() => other.start()), ['stream_key_missing']);
  await assert.rejects(
    async () => other.saveDestination(999, douyin),
    (e: unknown) => e instanceof StudioError && e.code === 'not_found',
  );
  // …and nothing was erased meanwhile: with the right key file back, the saved key opens again.
  const back = new StreamService(
    db,
    writerFor(() => {}),
    () => {},
    { dataDir, secrets: new SecretBox(key) },
  );
  assert.equal(back.state().destinations[0]!.hasKey, true);
});

test('a key goes only to the server it was typed for: a new address needs its key; the sealed key is bound to it', async (t) => {
  const { service, engines, db } = setup(t);
  const { id } = await service.saveDestination(undefined, douyin);
  const moved = { ...douyin, serverUrl: 'rtmp://attacker.example.net/live', streamKey: undefined };
  await assert.rejects(
    async () => service.saveDestination(id, moved),
    (e: unknown) =>
      e instanceof StudioError && e.code === 'invalid' && e.issues?.[0]?.code === 'stream_key_for_new_server',
  );
  assert.equal(service.state().destinations[0]!.maskedUrl, 'rtmp://push.example.com/live/••••', 'nothing changed');
  // Even an address changed behind the studio's back (in the file) does not open the old key.
  db.prepare('UPDATE stream_destinations SET server_url = ?').run('rtmp://attacker.example.net/live');
  assert.equal(service.state().destinations[0]!.hasKey, false);
  assert.deepEqual(await refusal(() => service.start()), ['stream_key_missing']);
  assert.equal(engines.length, 0, 'nothing was sent anywhere');
  // With its key typed for it, the new address works.
  await service.saveDestination(id, { ...moved, streamKey: 'key-for-the-new-server' });
  assert.equal(service.state().destinations[0]!.hasKey, true);
});

test('a user name and password in a server address: refused, and taken out of what an older version stored', async (t) => {
  const { writerFor, service, db, dataDir } = setup(t);
  await assert.rejects(
    async () => service.saveDestination(undefined, { ...douyin, serverUrl: 'rtmp://me:hunter2@push.example.com/live' }),
    (e: unknown) => e instanceof StudioError && e.issues?.[0]?.code === 'stream_url_credentials',
  );
  const { id } = await service.saveDestination(undefined, douyin);
  db.prepare('UPDATE stream_destinations SET server_url = ? WHERE id = ?').run(
    'rtmp://me:hunter2@push.example.com/live',
    id,
  );
  const reopened = new StreamService(
    db,
    writerFor(() => {}),
    () => {},
    {
      dataDir,
      secrets: new SecretBox(crypto.randomBytes(32)),
    },
  );
  const row = db.prepare('SELECT server_url FROM stream_destinations WHERE id = ?').get(id) as { server_url: string };
  assert.equal(row.server_url, 'rtmp://push.example.com/live');
  assert.doesNotMatch(JSON.stringify(reopened.state()), /hunter2/);
});

test('the first 视频号 (抖音, 快手) destination, before any size was chosen, makes the picture vertical; once only', async (t) => {
  const first = setup(t);
  await first.service.saveDestination(undefined, { ...douyin, platform: 'wechat' });
  assert.equal(first.service.state().settings.preset, 'vertical');
  await first.service.saveSettings({ ...first.service.state().settings, preset: '720p' });
  await first.service.saveDestination(undefined, { ...douyin, name: '抖音 2' });
  assert.equal(first.service.state().settings.preset, '720p', 'the host’s choice stays');
  // A landscape platform first, or settings already chosen: nothing changes.
  const youtube = setup(t);
  await youtube.service.saveDestination(undefined, { ...douyin, platform: 'youtube' });
  assert.equal(youtube.service.state().settings.preset, '720p');
  const chosen = setup(t);
  await chosen.service.saveSettings({ ...DEFAULT_SETTINGS, fps: 25 });
  await chosen.service.saveDestination(undefined, { ...douyin, platform: 'wechat' });
  assert.equal(chosen.service.state().settings.preset, '720p');
});

test('settings: defaults, saved, checked, and refused while a show runs', async (t) => {
  const { engineNo, service, engines, db, states } = setup(t);
  assert.deepEqual(service.state().settings, DEFAULT_SETTINGS);
  const vertical = { ...DEFAULT_SETTINGS, preset: 'vertical' as const, fps: 25 as const, record: false };
  assert.deepEqual((await service.saveSettings(vertical)).settings, vertical);
  assert.deepEqual(states().at(-1)!.settings, vertical, 'announced');
  assert.throws(
    () => service.saveSettings({ ...vertical, source: { kind: 'device', video: null, audio: null } }),
    (e: unknown) => e instanceof StudioError && e.code === 'invalid' && e.issues![0]!.code === 'stream_source_empty',
  );

  await service.saveDestination(undefined, douyin);
  const starting = service.start();
  await engineNo(0);
  assert.deepEqual(await refusal(() => service.saveSettings(DEFAULT_SETTINGS)), ['stream_live']);
  assert.deepEqual(await refusal(() => service.start()), ['stream_live']);
  engines[0]!.goLive();
  await starting;
  assert.deepEqual(engines[0]!.options.settings, {
    width: 1080,
    height: 1920,
    fps: 25,
    videoKbps: 2500,
    audioKbps: 128,
    encoder: 'libx264',
    preset: 'veryfast',
    lowLatency: false,
  });
  assert.equal(engines[0]!.options.recordPath, undefined, 'recording off');
  await service.stop();

  // A hand-edited value falls back field by field.
  db.prepare(
    `UPDATE meta SET value = '{"fps": 60, "preset": "4k", "videoKbps": "lots"}' WHERE key = 'stream_settings'`,
  ).run();
  assert.deepEqual(service.state().settings, { ...DEFAULT_SETTINGS, fps: 60 });
  db.prepare(`UPDATE meta SET value = 'not json' WHERE key = 'stream_settings'`).run();
  assert.deepEqual(service.state().settings, DEFAULT_SETTINGS);
});

test('refusals to go live name every reason at once', async (t) => {
  const { service } = setup(t, { locate: () => null });
  await service.saveSettings({ ...DEFAULT_SETTINGS, record: false });
  assert.deepEqual(await refusal(() => service.start()), ['stream_no_ffmpeg', 'stream_nothing_to_do']);

  // A camera or microphone that ffmpeg does not list is never handed to it (a v4l2 "device" is a path).
  const made = setup(t, {
    listDevices: async () => [
      {
        kind: 'video' as const,
        name: 'USB Camera',
        format: 'v4l2' as const,
        id: '/dev/video0',
        selector: '/dev/video0',
      },
    ],
  });
  await made.service.saveSettings({
    ...DEFAULT_SETTINGS,
    source: { kind: 'device', video: '/root/.ssh/id_rsa', audio: 'made-up-mic' },
  });
  assert.deepEqual(await refusal(() => made.service.start()), ['stream_device_unknown', 'stream_device_unknown']);
  assert.equal(made.engines.length, 0, 'nothing was started');

  // RTMPS is the core's own TLS: whatever ffmpeg was built with, an rtmps:// destination goes live.
  const noTls = setup(t);
  await noTls.service.saveDestination(undefined, { ...douyin, serverUrl: 'rtmps://push.example.com/live' });
  const going = noTls.service.start();
  await noTls.engineNo(0);
  noTls.engines[0]!.goLive();
  await going;
  assert.equal(noTls.engines[0]!.options.destinations[0]!.target.secure, true);
  await noTls.service.stop();

  const noEncoder = setup(t, {
    chooseEncoder: async () => ({ encoder: null, hardware: false, reason: 'no-h264-encoder', failed: [] }),
  });
  assert.deepEqual(await refusal(() => noEncoder.service.start()), ['stream_no_encoder']);
  assert.equal(noEncoder.engines.length, 0, 'nothing was started');
  assert.equal(noEncoder.service.state().phase, 'idle');

  // Disabled destinations do not count; a destination row without a key does not go out keyless.
  const keyless = setup(t);
  const { id } = await keyless.service.saveDestination(undefined, { ...douyin, enabled: false });
  await keyless.service.saveSettings({ ...DEFAULT_SETTINGS, record: false });
  assert.deepEqual(await refusal(() => keyless.service.start()), ['stream_nothing_to_do']);
  await keyless.service.saveDestination(id, { ...douyin, enabled: true, streamKey: undefined });
  keyless.db.prepare('UPDATE stream_destinations SET key_cipher = NULL').run();
  assert.deepEqual(await refusal(() => keyless.service.start()), ['stream_key_missing']);
});

test('a show: starting, live, destination states, reconnect, then stopped with its recording kept', async (t) => {
  const { engineNo, service, engines, states, dataDir } = setup(t, {
    chooseEncoder: async () => ({
      encoder: 'libx264',
      hardware: false,
      reason: 'hardware-failed',
      failed: [{ encoder: 'h264_nvenc', detail: 'Cannot load libcuda.so.1' }],
    }),
  });
  const a = await service.saveDestination(undefined, douyin);
  const b = await service.saveDestination(undefined, {
    ...douyin,
    name: 'B站',
    platform: 'bilibili',
    serverUrl: 'rtmp://live-push.bilivideo.com/live-bvc/',
    streamKey: KEY2,
  });
  const off = await service.saveDestination(undefined, { ...douyin, name: '备用', enabled: false });
  const before = states().length;
  const starting = service.start();
  await engineNo(0);
  const engine = engines[0]!;
  assert.deepEqual(
    engine.options.destinations.map((d) => d.id),
    [String(a.id), String(b.id)],
    'enabled ones only',
  );
  assert.equal(engine.options.preview, true);
  assert.deepEqual(engine.options.source, { kind: 'test-pattern' });
  assert.match(engine.options.recordPath!, /recordings[\\/]\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.mp4$/);
  assert.ok(engine.options.recordPath!.startsWith(dataDir));
  assert.equal(states().at(-1)!.phase, 'starting');

  engine.goLive();
  const live = await starting;
  assert.equal(live.phase, 'live');
  assert.equal(live.startedAt, 1000);
  assert.deepEqual(live.encoder, {
    name: 'libx264',
    fallbackReason: 'no hardware encoder worked (h264_nvenc: Cannot load libcuda.so.1)',
    fallback: { code: 'stream_hw_failed', tried: ['h264_nvenc'] },
  });
  // While live the FLV is what is written (it plays even after a crash); the MP4 is what it becomes.
  assert.equal(live.recording.file, `${engine.options.recordPath}.recording.flv`);
  assert.equal(live.recording.becomes, engine.options.recordPath);
  assert.ok(live.recording.becomes?.endsWith('.mp4'));
  assert.equal(live.destinations.find((d) => d.id === off.id)!.live, null, 'not in the show');
  assert.deepEqual(
    states()
      .slice(before)
      .map((s) => s.phase),
    ['starting', 'live'],
  );

  engine.set(String(a.id), { phase: 'live', since: 1 });
  const down = { reason: 'host_unreachable', detail: 'connect ECONNREFUSED' } as const;
  engine.set(String(b.id), { phase: 'reconnecting', attempt: 2, retryAt: 99_000, ...down });
  await tick();
  const after = states().at(-1)!;
  assert.equal(after.destinations.find((d) => d.id === a.id)!.live!.phase, 'live');
  assert.deepEqual(after.destinations.find((d) => d.id === b.id)!.live, {
    phase: 'reconnecting',
    attempt: 2,
    retryAt: 99_000,
    reason: 'host_unreachable',
    detail: 'connect ECONNREFUSED',
    kbps: 0,
    bytesSent: 0,
    droppedTags: 0,
    reconnects: 0,
  });

  service.reconnect(b.id);
  assert.deepEqual(engine.reconnected, [String(b.id)]);
  assert.deepEqual(await refusal(() => service.reconnect(off.id)), ['stream_not_live']);

  // While live: the name may change, the address, key and switch may not; nor may it be removed.
  await service.saveDestination(a.id, { ...douyin, name: '抖音主号', streamKey: undefined });
  await service.saveDestination(a.id, { ...douyin, name: '抖音主号', streamKey: KEY });
  assert.deepEqual(await refusal(() => service.saveDestination(a.id, { ...douyin, streamKey: 'another_key_123' })), [
    'stream_destination_live',
  ]);
  assert.equal(engine.retargeted.length, 0, 'a live destination keeps its connection');
  // Not live (reconnecting): a new key goes to its publisher at once, and stays out of every state.
  const fixed = await service.saveDestination(b.id, {
    ...douyin,
    name: 'B站',
    platform: 'bilibili',
    streamKey: NEW_KEY,
  });
  assert.equal(fixed.hasKey, true);
  assert.deepEqual(
    engine.retargeted.map((r) => [r.id, r.target.tcUrl, r.target.name]),
    [[String(b.id), 'rtmp://push.example.com:1935/live', NEW_KEY]],
  );
  // The same key typed again (fixed on the platform's side) is a retry too.
  await service.saveDestination(b.id, { ...douyin, name: 'B站', platform: 'bilibili', streamKey: NEW_KEY });
  assert.equal(engine.retargeted.length, 2);
  assert.deepEqual(await refusal(() => service.saveDestination(b.id, { ...douyin, enabled: false })), ['stream_live']);
  assert.deepEqual(await refusal(() => service.saveDestination(a.id, { ...douyin, enabled: false })), ['stream_live']);
  assert.deepEqual(await refusal(() => service.removeDestination(a.id)), ['stream_live']);
  await service.removeDestination(off.id);

  const stopped = await service.stop();
  assert.equal(stopped.phase, 'idle');
  assert.equal(stopped.recording.file, null);
  assert.equal(stopped.recording.lastFile, engine.options.recordPath);
  assert.ok(fs.existsSync(stopped.recording.lastFile!));
  assert.ok(stopped.destinations.every((d) => d.live === null));
  assert.equal(stopped.encoder, null);
  assert.deepEqual(
    states()
      .slice(-2)
      .map((s) => s.phase),
    ['stopping', 'idle'],
  );
  for (const key of [KEY, KEY2, NEW_KEY]) assert.ok(!JSON.stringify(states()).includes(key));
  assert.equal((await service.stop()).phase, 'idle', 'stopping twice is harmless');
});

test('a lost camera: announced at once, the show stays live, and the host can switch back', async (t) => {
  const { engineNo, service, engines, states } = setup(t);
  await service.saveDestination(undefined, douyin);
  assert.deepEqual(await refusal(() => service.restoreSource()), ['stream_not_live']);
  const starting = service.start();
  await engineNo(0);
  const engine = engines[0]!;
  engine.goLive();
  await starting;
  assert.deepEqual(await refusal(() => service.restoreSource()), ['stream_source_ok'], 'nothing to switch back to');

  const before = states().length;
  engine.loseSource(`ioctl(VIDIOC_DQBUF): No such device`);
  await tick();
  const lost = states().at(-1)!;
  assert.equal(states().length, before + 1, 'announced without waiting for the next second');
  assert.equal(lost.phase, 'live');
  assert.equal(lost.errorCode, null);
  assert.deepEqual(lost.source, {
    fallback: true,
    lostReason: 'exited',
    lostAt: 2000,
    restoring: false,
    restoreFailed: false,
  });
  assert.ok(!JSON.stringify(lost).includes('VIDIOC'), 'what the capture printed stays in the log');

  const restoring = service.restoreSource();
  assert.equal(engine.restores, 1);
  assert.equal(restoring.source.restoring, true);
  assert.deepEqual(await refusal(() => service.restoreSource()), ['stream_source_ok'], 'already trying');
  await service.stop();
  assert.deepEqual(service.state().source.fallback, false, 'no show, no stand-in');
});

test('sound: mute and unmute without a new engine; silence warned after 10 s, not while muted or on the stand-in', async (t) => {
  const { engineNo, service, engines, states, events } = setup(t);
  await service.saveDestination(undefined, douyin);
  assert.deepEqual(await refusal(() => service.setMuted(true)), ['stream_not_live']);
  assert.equal(service.state().audio, null, 'no show, no sound');
  const starting = service.start();
  await engineNo(0);
  const engine = engines[0]!;
  engine.goLive();
  await starting;
  assert.deepEqual(service.state().audio, { muted: false, silentSeconds: null });
  assert.ok(engine.options.onLevel, 'the engine is asked for the level');

  // The level goes out as its own light event, ten a second, not as whole states.
  const before = states().length;
  engine.options.onLevel!({ peakDb: -12.5, rmsDb: -24 });
  assert.deepEqual(events.at(-1), { name: 'stream.level', data: { peakDb: -12.5, rmsDb: -24 } });
  assert.equal(states().length, before);

  engine.canMute = false;
  assert.deepEqual(await refusal(() => service.setMuted(true)), ['stream_mute_failed']);
  engine.canMute = true;
  assert.equal((await service.setMuted(true)).audio?.muted, true);
  assert.equal(states().at(-1)!.audio?.muted, true, 'announced at once');
  assert.equal(engines.length, 1, 'the same engine: nothing restarted');

  // Silent 12 s while muted: the host chose silence, no warning.
  engine.audio.silentMs = 12_000;
  engine.options.onChange?.();
  await tick();
  assert.equal(service.state().audio?.silentSeconds, null);
  // Unmuted and still silent: warned, announced at once.
  await service.setMuted(false);
  engine.options.onChange?.();
  await tick();
  assert.deepEqual(states().at(-1)!.audio, { muted: false, silentSeconds: 12 });
  // 9.9 s is not yet 10.
  engine.audio.silentMs = 9_900;
  assert.equal(service.state().audio?.silentSeconds, null);
  // On the stand-in pattern (camera lost, no sound by design): the source banner says so instead.
  engine.audio.silentMs = 30_000;
  engine.loseSource('gone');
  await tick();
  assert.equal(states().at(-1)!.audio?.silentSeconds, null);
  await service.stop();
  assert.equal(service.state().audio, null);
});

test('the encoder dying mid-show: failed, its error scrubbed of keys, the recording still finalised', async (t) => {
  const { engineNo, service, engines, states } = setup(t);
  await service.saveDestination(undefined, douyin);
  const starting = service.start();
  await engineNo(0);
  engines[0]!.goLive();
  await starting;
  engines[0]!.crash(`the encoder stopped (exit 1): rtmp://push.example.com/live/${KEY}: I/O error (key ${KEY})`);
  await tick();
  await tick();
  const failed = service.state();
  assert.equal(failed.phase, 'failed');
  assert.equal(failed.errorCode, 'stream_encoder_failed');
  assert.equal(failed.error, 'the encoder stopped (exit 1): rtmp://push.example.com/live/••••: I/O error (key ••••)');
  assert.equal(engines[0]!.stops, 1, 'cleaned up');
  assert.ok(failed.recording.lastFile, 'the recording was finalised');
  assert.ok(!JSON.stringify(states()).includes(KEY));
  assert.ok(states().some((s) => s.phase === 'failed'));

  // Going live again clears the error; stop() after a failure just clears it.
  const again = service.start();
  await engineNo(1);
  assert.equal(service.state().error, null);
  engines[1]!.crash('could not open the camera');
  const result = await again;
  assert.equal(result.phase, 'failed', 'an encoder that cannot start: the reply says failed, not an exception');
  assert.equal(result.error, 'could not open the camera');
  const cleared = await service.stop();
  assert.deepEqual([cleared.phase, cleared.error, cleared.errorCode], ['idle', null, null]);
});

// Bounded: a reading that never comes fails here rather than hanging the run.
test(
  'the recording disk during a show: a warning when it runs low, the recording ended before it is full',
  { timeout: 60_000 },
  async (t) => {
    let free = 100 * 1024 ** 3;
    // Every once-a-second tick is a new reading: the clock moves past the 5 s between readings at each look.
    let clock = 1_000_000;
    const { engineNo, service, engines, announced } = setup(t, {
      freeSpace: async () => free,
      now: () => (clock += 6_000),
    });
    await service.saveDestination(undefined, douyin);
    const starting = service.start();
    await engineNo(0);
    engines[0]!.goLive();
    await starting;
    const engine = engines[0]!;
    // Each reading comes with the once-a-second tick: wait for the state it announces.
    await announced((s) => s.disk.freeBytes === free);
    assert.equal(service.state().disk.level, 'ok');
    free = 3 * 1024 ** 3; // 2 GiB beyond the reserve: under an hour and a half at 2.5 Mbit/s, and under 5 GiB
    await announced((s) => s.disk.level === 'low');
    assert.equal(service.state().disk.minutesLeft, Math.floor((2 * 1024 ** 3) / ((2500 + 128) * 125) / 60));
    assert.deepEqual(engine.endedRecording, [], 'still recording');
    engine.recordedBytes = 900 * 1024 ** 2;
    free = 1024 ** 3 + 10 * 1024 ** 2; // inside the last minute before the reserve
    await announced((s) => s.disk.recordingStopped);
    assert.deepEqual(engine.endedRecording, [false], 'ended once, and not remuxed: no room for a second copy');
    const now = service.state();
    assert.equal(now.phase, 'live', 'the stream goes on');
    assert.equal(now.disk.level, 'critical');
    assert.match(now.recording.lastFile ?? '', /\.recording\.flv$/, 'the recording so far is kept and offered');
    await service.stop();
  },
);

test('stop while starting ends the show at once', async (t) => {
  const { engineNo, service, engines } = setup(t);
  await service.saveDestination(undefined, douyin);
  const starting = service.start();
  await engineNo(0);
  const stopped = await service.stop();
  assert.equal(stopped.phase, 'idle');
  assert.equal((await starting).phase, 'idle');
  assert.equal(engines[0]!.stops, 1);
});

test('numbers are announced at most once a second; phase changes at once; preview frames as they come', async (t) => {
  const { engineNo, service, engines, events } = setup(t);
  const { id } = await service.saveDestination(undefined, douyin);
  const starting = service.start();
  await engineNo(0);
  const engine = engines[0]!;
  engine.goLive();
  await starting;
  const count = () => events.filter((e) => e.name === 'stream.changed').length;
  const from = count();
  for (let i = 0; i < 50; i++) {
    engine.health.fps = 30 + (i % 2);
    engine.options.onChange?.();
  }
  await tick();
  assert.equal(count(), from, 'numbers wait for the next second');
  engine.set(String(id), { phase: 'live', since: 5 });
  await tick();
  assert.equal(count(), from + 1, 'a destination going live is announced at once');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  engine.options.onChange?.();
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.ok(count() <= from + 3, `${count() - from} announcements`);

  const jpeg = Buffer.from([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
  engine.options.onPreview?.(jpeg);
  const preview = events.at(-1)!;
  assert.equal(preview.name, 'stream.preview');
  assert.equal((preview.data as { jpegBase64: string }).jpegBase64, jpeg.toString('base64'));
});

test('overloaded after five seconds below 0.95× real time, and not before', async (t) => {
  let now = 1_000_000;
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { engineNo, service, engines } = setup(t, { now: () => now });
  await service.saveDestination(undefined, douyin);
  const starting = service.start();
  await engineNo(0);
  engines[0]!.goLive();
  await starting;
  engines[0]!.health.speed = 0.8;
  for (let s = 1; s <= 5; s++) {
    now += 1000;
    t.mock.timers.tick(1000);
    assert.equal(service.state().health.overloaded, false, `after ${s} s`);
  }
  now += 1000;
  t.mock.timers.tick(1000);
  assert.equal(service.state().health.overloaded, true);
  assert.equal(service.state().health.speed, 0.8);
  engines[0]!.health.speed = 1.0;
  now += 1000;
  t.mock.timers.tick(1000);
  assert.equal(service.state().health.overloaded, false, 'caught up');
});

test('devices and probe go through ffmpeg when there is one', async (t) => {
  const { service } = setup(t, {
    listDevices: async () => [
      { kind: 'video', name: 'USB Camera', format: 'v4l2', id: '/dev/video0', selector: '/dev/video0' },
      { kind: 'audio', name: 'Mic', format: 'pulse', id: 'mic', selector: 'mic', isDefault: true },
    ],
  });
  assert.deepEqual(await service.devices(), {
    devices: [
      { kind: 'video', name: 'USB Camera', selector: '/dev/video0', isDefault: false },
      { kind: 'audio', name: 'Mic', selector: 'mic', isDefault: true },
    ],
    error: null,
  });
  assert.deepEqual(await service.probe(), {
    ffmpeg: { path: '/usr/bin/ffmpeg', version: '7.1', h264Encoders: ['libx264'] },
  });
  const none = setup(t, { locate: () => null });
  assert.deepEqual(await none.service.devices(), { devices: [], error: 'stream_no_ffmpeg' });
  assert.deepEqual(await none.service.probe(), { ffmpeg: null });
  const broken = setup(t, {
    listDevices: async () => {
      throw new Error('ffmpeg could not list devices: timeout');
    },
  });
  const original = console.error;
  console.error = () => {};
  try {
    assert.deepEqual(await broken.service.devices(), { devices: [], error: 'stream_devices_failed' });
  } finally {
    console.error = original;
  }
});
