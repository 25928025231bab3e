// What the show status shown everywhere costs the core (`npm run bench -- --only status`; needs ffmpeg and nginx):
// the LIVE clock, destination dots and health numbers every window shows, and the sound meter. A real show (the
// test pattern, 720p30, to nginx-rtmp on loopback) with a live session and --status-clients host windows connected
// over WebSocket; for --status-seconds the core's CPU is measured where that status is made and sent: building the
// stream state, the once-a-second tick (CPU sampling of the encoder, disk check), and emitting `stream.changed`,
// `stream.level` and `live.sessionChanged` to every client (serialising and writing to each socket). Reported as a
// percentage of one core over the wall time, beside the whole process's use in the same window for context.
import fs from 'node:fs';
import path from 'node:path';
import { startWebHost } from '../../electron/core/host/web-host.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { TestClient } from '../support/ws-client.ts';
import { now } from './measure.ts';

export interface ShowStatusResult {
  seconds: number;
  clients: number;
  /** CPU spent making and sending the status, percent of one core. */
  statusPercent: number;
  /** This whole process (the core, its RTMP fan-out and the clients' parsing) in the same window. */
  processPercent: number;
  events: Record<string, number>;
}

const STATUS_EVENTS = new Set(['stream.changed', 'stream.level', 'live.sessionChanged']);
const cpuMicros = (since?: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

export async function benchShowStatus(opts: {
  dir: string;
  seconds: number;
  clients: number;
  log(line: string): void;
}): Promise<ShowStatusResult> {
  const rendererDir = path.join(opts.dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const rtmp = await startRtmpServer();
  const studio = await openStudio({ dataDir: path.join(opts.dir, 'studio') });
  const web = await startWebHost(studio, { port: 0, rendererDir });
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < opts.clients; i++) {
      const client = await TestClient.connect(web.port, web.token);
      await client.call('studio.hello', { client: `window-${i}` });
      clients.push(client);
    }
    const product = await studio.catalog.create({ title: '状态测试', priceFen: 100, stock: 10 });
    const session = await studio.live.create({ title: 'status bench' });
    await studio.live.bagAdd(session.id, product.id);
    await studio.live.goLive(session.id);
    const settings = studio.stream.state().settings;
    await studio.stream.saveSettings({
      ...settings,
      source: { kind: 'test-pattern' },
      preset: '720p',
      fps: 30,
      videoKbps: 2500,
      record: false,
      hardware: false,
    });
    await studio.stream.saveDestination(undefined, {
      name: 'bench',
      platform: 'custom',
      serverUrl: `rtmp://127.0.0.1:${rtmp.port}/live`,
      streamKey: 'status-bench',
      enabled: true,
    });

    // Where the status is made and sent, timed by CPU (outermost call only: a tick announces, an announce emits).
    let depth = 0;
    let statusMicros = 0;
    const events: Record<string, number> = {};
    const timed = <A extends unknown[], R>(work: (...args: A) => R) =>
      function (this: unknown, ...args: A): R {
        if (depth > 0) return work.apply(this, args);
        depth++;
        const before = process.cpuUsage();
        try {
          return work.apply(this, args);
        } finally {
          statusMicros += cpuMicros(before);
          depth--;
        }
      };
    const server = studio.server;
    const emit = server.emit.bind(server);
    const timedEmit = timed(emit);
    server.emit = ((name: string, data: never, audience?: never) => {
      if (!STATUS_EVENTS.has(name)) return emit(name as never, data, audience);
      events[name] = (events[name] ?? 0) + 1;
      return timedEmit(name as never, data, audience);
    }) as typeof server.emit;
    const stream = studio.stream as unknown as { state(): unknown; tick(show: unknown): void };
    stream.state = timed(stream.state.bind(stream));
    stream.tick = timed(stream.tick.bind(stream));

    const live = await studio.stream.start();
    if (live.phase !== 'live') throw new Error(`the show did not go live: ${live.error}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // past the start's own work
    statusMicros = 0;
    for (const name of Object.keys(events)) delete events[name];
    const processBefore = process.cpuUsage();
    const started = now();
    await new Promise((resolve) => setTimeout(resolve, opts.seconds * 1000));
    const wallMs = now() - started;
    const processMicros = cpuMicros(processBefore);
    const status = statusMicros;
    const counted = { ...events };
    await studio.stream.stop();
    const result: ShowStatusResult = {
      seconds: wallMs / 1000,
      clients: opts.clients,
      statusPercent: (status / 1000 / wallMs) * 100,
      processPercent: (processMicros / 1000 / wallMs) * 100,
      events: counted,
    };
    opts.log(
      `show status: ${result.statusPercent.toFixed(3)} % of a core (process ${result.processPercent.toFixed(1)} %), events ${JSON.stringify(counted)}`,
    );
    return result;
  } finally {
    for (const client of clients) client.close();
    await web.close();
    await studio.close();
    await rtmp.stop();
  }
}
