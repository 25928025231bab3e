// `npm run bench`: measures the studio against raw baselines in the same run, prints a table and writes
// tests/bench/results/latest.json. It reports; it never passes or fails (non-zero exit only on a crash).
//   node tests/bench/run.ts [--rows 100000] [--n 2000] [--clients 20] [--fanout-n 300] [--repeat 3]
//                           [--stream-seconds 60] [--stream-runs 5] [--stream-reconnects 3] [--stream-rtt 0]
//                           [--orders-n 5000] [--orders-clients 20] [--flash-units 500] [--orders-lines 1000000]
//                           [--overlay-seconds 60] [--overlay-rounds 3] [--overlay-explains 20] [--status-seconds 30] [--status-clients 3]
//                           [--shop-orders 10000]
//                           [--clip-minutes 60]
//                           [--only rtt|fanout|csv|orders|xlsx|shop|stream|overlay|status|clips] [--keep] [--out FILE]
// The streaming part (needs ffmpeg and nginx with its RTMP module) takes about 2 × --stream-seconds + 1.5 min;
// `--stream-seconds 10` is enough for a quick look (the CPU figures are then dominated by start and stop).
// The orders part seeds --orders-lines order lines for its export (1,000,000: under a minute, under 1 GB of disk),
// and --xlsx-lines (100,000) for the Excel export beside the CSV one (--only xlsx runs that alone).
// `--stream-rtt 100` also times Go Live to an ingest 100 ms away (emulated by the bench's proxy), ~40 s more.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tempDir } from '../support/studio-fixture.ts';
import { benchCatalogCsv, type CsvBenchResult } from './catalog-csv.ts';
import { collectGarbage, median, now } from './measure.ts';
import { benchLiveFanout, type FanoutPass, type FanoutResult } from './live-fanout.ts';
import { benchCsvLibraries, csvLibrariesRows, type CsvLibrariesResult } from './csv-libraries.ts';
import { benchOrdersExport, ordersExportRows, type OrdersExportResult } from './orders-export.ts';
import { benchOrdersXlsx, ordersXlsxRows, type OrdersXlsxResult } from './orders-xlsx.ts';
import { benchClips, clipsRows, type ClipsBenchResult } from './clips-cut.ts';
import { benchOrdersRate, ordersRateRows, type OrdersRateResult } from './orders-rate.ts';
import { generateProducts, productsCsvBytes } from './product-data.ts';
import { benchProtocolRtt, type RttResult } from './protocol-rtt.ts';
import { busyMachineWarning, formatTable, machineInfo, writeJson, type Row } from './report.ts';
import { benchStream, streamBenchUnavailable, type StreamResult } from './stream-bench.ts';
import { benchOverlay, type OverlayCpuRun, type OverlayResult } from './overlay-bench.ts';
import { benchShowStatus, type ShowStatusResult } from './show-status.ts';
import { benchShopSync, shopSyncRows, type ShopSyncResult } from './shop-sync.ts';

const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

function options() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      n: { type: 'string', default: '2000' },
      clients: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '300' },
      'fanout-n': { type: 'string', default: '300' },
      repeat: { type: 'string', default: '3' },
      'stream-seconds': { type: 'string', default: '60' },
      'stream-runs': { type: 'string', default: '5' },
      'stream-reconnects': { type: 'string', default: '3' },
      'stream-rtt': { type: 'string', default: '0' },
      'orders-n': { type: 'string', default: '5000' },
      'orders-clients': { type: 'string', default: '20' },
      'flash-units': { type: 'string', default: '500' },
      'orders-lines': { type: 'string', default: '1000000' },
      'shop-orders': { type: 'string', default: '10000' },
      'xlsx-lines': { type: 'string', default: '100000' },
      'clip-minutes': { type: 'string', default: '60' },
      'overlay-seconds': { type: 'string', default: '60' },
      'overlay-rounds': { type: 'string', default: '3' },
      'overlay-explains': { type: 'string', default: '20' },
      'status-seconds': { type: 'string', default: '30' },
      'status-clients': { type: 'string', default: '3' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: RESULTS_FILE },
    },
  });
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  const only = values.only;
  const parts = ['rtt', 'fanout', 'csv', 'orders', 'xlsx', 'shop', 'stream', 'overlay', 'status', 'clips'];
  if (only !== undefined && !parts.includes(only)) throw new Error(`--only ${parts.join('|')}`);
  return {
    rows: int('rows', values.rows),
    n: int('n', values.n),
    clients: int('clients', values.clients),
    warmup: int('warmup', values.warmup),
    fanoutN: int('fanout-n', values['fanout-n']),
    repeat: int('repeat', values.repeat),
    streamSeconds: int('stream-seconds', values['stream-seconds']),
    streamRuns: int('stream-runs', values['stream-runs']),
    streamReconnects: int('stream-reconnects', values['stream-reconnects']),
    streamRttMs: values['stream-rtt'] === '0' ? 0 : int('stream-rtt', values['stream-rtt']),
    ordersN: int('orders-n', values['orders-n']),
    ordersClients: int('orders-clients', values['orders-clients']),
    flashUnits: int('flash-units', values['flash-units']),
    ordersLines: int('orders-lines', values['orders-lines']),
    shopOrders: int('shop-orders', values['shop-orders']),
    xlsxLines: int('xlsx-lines', values['xlsx-lines']),
    clipMinutes: int('clip-minutes', values['clip-minutes']),
    overlaySeconds: int('overlay-seconds', values['overlay-seconds']),
    overlayRounds: int('overlay-rounds', values['overlay-rounds']),
    overlayExplains: int('overlay-explains', values['overlay-explains']),
    statusSeconds: int('status-seconds', values['status-seconds']),
    statusClients: int('status-clients', values['status-clients']),
    only,
    keep: values.keep,
    out: path.resolve(values.out),
  };
}

function rttRows(r: RttResult): Row[] {
  const seq = r.sequential;
  const con = r.concurrent;
  const c = `${con.clients} clients`;
  return [
    { name: 'catalog.get RTT p50, 1 client', unit: 'ms', studio: seq.studio.p50Ms, baseline: seq.baseline.p50Ms },
    { name: 'catalog.get RTT p99, 1 client', unit: 'ms', studio: seq.studio.p99Ms, baseline: seq.baseline.p99Ms },
    {
      name: 'catalog.get RTT mean, 1 client',
      unit: 'ms',
      studio: seq.studio.meanMs,
      baseline: seq.baseline.meanMs,
      note: `${r.n} sequential calls after ${r.warmup} warm-up; baseline = bare ws server on 127.0.0.1 answering each ${r.requestBytes} B request with the studio's own ${r.replyBytes} B reply`,
    },
    { name: `catalog.get RTT p50, ${c}`, unit: 'ms', studio: con.studio.p50Ms, baseline: con.baseline.p50Ms },
    { name: `catalog.get RTT p99, ${c}`, unit: 'ms', studio: con.studio.p99Ms, baseline: con.baseline.p99Ms },
    {
      name: `catalog.get throughput, ${c}`,
      unit: 'calls/s',
      studio: con.studio.callsPerSecond,
      baseline: con.baseline.callsPerSecond,
      higherIsBetter: true,
      note: `${con.clients} connections × ${con.callsPerClient} sequential calls each, all at once, in 4 rounds interleaved with the baseline`,
    },
  ];
}

function fanoutRows(r: FanoutResult): Row[] {
  const head = `explain → ${r.receivers} clients`;
  const pass = (p: FanoutPass, label: string, note: string): Row[] => [
    {
      name: `${head}${label}: p50 per client`,
      unit: 'ms',
      studio: p.studio.perClient.p50Ms,
      baseline: p.baseline.perClient.p50Ms,
    },
    {
      name: `${head}${label}: p99 per client`,
      unit: 'ms',
      studio: p.studio.perClient.p99Ms,
      baseline: p.baseline.perClient.p99Ms,
    },
    {
      name: `${head}${label}: p50 all ${r.receivers} received`,
      unit: 'ms',
      studio: p.studio.allReceived.p50Ms,
      baseline: p.baseline.allReceived.p50Ms,
    },
    {
      name: `${head}${label}: p99 all ${r.receivers} received`,
      unit: 'ms',
      studio: p.studio.allReceived.p99Ms,
      baseline: p.baseline.allReceived.p99Ms,
    },
    {
      name: `${head}${label}: max all ${r.receivers} received`,
      unit: 'ms',
      studio: p.studio.allReceived.maxMs,
      baseline: p.baseline.allReceived.maxMs,
      note,
    },
  ];
  const rows = pass(
    r.inProcess,
    '',
    `one client calls live.explain (links ${r.links.join(' and ')} in turn, ${r.bagSize} products in a live bag); time from just before its send to each of ${r.receivers} other clients' handler getting live.explainChanged, and to the last of them; ${r.n} calls after ${r.warmup} warm-up, interleaved with the baseline = bare ws server on 127.0.0.1 sending the studio's own ${r.eventBytes} B event to every client, then its ${r.replyBytes} B reply to the sender. Receivers run in the studio's process, so their parsing shares its event loop (both columns alike)`,
  );
  if (r.receiversInChild) {
    const c = r.receiversInChild;
    rows.push(
      ...pass(
        c,
        ', receivers in a child process',
        `the same, with the ${r.receivers} receivers in a separate Node process (times on the shared monotonic clock): the studio's loop only serves. In-process → child, studio p50 per client ${r.inProcess.studio.perClient.p50Ms.toFixed(3)} → ${c.studio.perClient.p50Ms.toFixed(3)} ms, all received ${r.inProcess.studio.allReceived.p50Ms.toFixed(3)} → ${c.studio.allReceived.p50Ms.toFixed(3)} ms`,
      ),
    );
  }
  return rows;
}

/** Every figure is the median over the repeated runs (each on a fresh studio and a fresh baseline file). */
function csvRows(runs: readonly CsvBenchResult[]): Row[] {
  const med = (f: (r: CsvBenchResult) => number) => median(runs.map(f));
  const im = runs[0]!.import;
  const ex = runs[0]!.export;
  const identical = runs.every((r) => r.export.identicalOutput);
  const rows = im.rows.toLocaleString('en-US');
  return [
    {
      name: `import ${rows} rows: time`,
      unit: 's',
      studio: med((r) => r.import.studio.seconds),
      baseline: med((r) => r.import.baseline.seconds),
      note: `median of ${runs.length} runs, each on a fresh data dir (so is every import and export figure)`,
    },
    {
      name: 'import throughput',
      unit: 'rows/s',
      studio: med((r) => r.import.studio.rowsPerSecond),
      baseline: med((r) => r.import.baseline.rowsPerSecond),
      higherIsBetter: true,
      note: `studio = importProducts as a job (${(im.csvBytes / 1e6).toFixed(1)} MB file: decode, parse, check, write); baseline = one prepared INSERT per pre-parsed row, one transaction, separate file, same schema and pragmas`,
    },
    {
      name: 'import longest event-loop stall',
      unit: 'ms',
      studio: med((r) => r.import.studio.stall.maxMs),
      baseline: med((r) => r.import.baseline.stall.maxMs),
      note: 'max of perf_hooks.monitorEventLoopDelay (10 ms resolution) over the whole run; the baseline is one synchronous loop',
    },
    {
      name: 'import: worst wait of a UI call',
      unit: 'ms',
      studio: med((r) => r.import.studio.ping.maxMs),
      baseline: null,
      note: `a WebSocket client calling jobs.list 10 ms after each answer during the import, wait counted from when the call was due (p50 ${med((r) => r.import.studio.ping.p50Ms).toFixed(2)} ms)`,
    },
    {
      name: `export ${ex.studio.rows.toLocaleString('en-US')} rows: time`,
      unit: 's',
      studio: med((r) => r.export.studio.seconds),
      baseline: med((r) => r.export.baseline.seconds),
    },
    {
      name: 'export throughput',
      unit: 'rows/s',
      studio: med((r) => r.export.studio.rowsPerSecond),
      baseline: med((r) => r.export.baseline.rowsPerSecond),
      higherIsBetter: true,
      note: `studio = exportProductsCsv as a job; baseline = better-sqlite3 iterate() + naive join; output ${identical ? 'byte-identical' : 'DIFFERS (see JSON)'}`,
    },
    {
      name: 'export output rate',
      unit: 'MB/s',
      studio: med((r) => r.export.studio.mbPerSecond),
      baseline: med((r) => r.export.baseline.mbPerSecond),
      higherIsBetter: true,
    },
    {
      name: 'export peak RSS delta',
      unit: 'MB',
      studio: med((r) => r.export.studio.memory.peakDeltaMb),
      baseline: med((r) => r.export.baseline.memory.peakDeltaMb),
      note: `each export runs in a fresh Node process: RSS high-water mark (getrusage maxRSS, samples every 5 ms and every 2,000 rows) above the RSS after opening the database${ex.studio.gcAvailable ? ' and a forced GC' : ''}`,
    },
    {
      name: 'export peak heap+external delta',
      unit: 'MB',
      studio: med((r) => r.export.studio.memory.heapPeakDeltaMb),
      baseline: med((r) => r.export.baseline.memory.heapPeakDeltaMb),
      note: 'V8 heapUsed + external (Buffers) above the start, same sampling: allocation the OS may not show as RSS',
    },
    {
      name: 'export longest event-loop stall',
      unit: 'ms',
      studio: med((r) => r.export.studio.stall.maxMs),
      baseline: med((r) => r.export.baseline.stall.maxMs),
    },
  ];
}

function statusRows(r: ShowStatusResult): Row[] {
  const counts = Object.entries(r.events)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
  return [
    {
      name: `show status, ${r.clients} windows: core CPU`,
      unit: '%',
      studio: r.statusPercent,
      baseline: null,
      note: `percent of one core over a ${r.seconds.toFixed(0)} s live show (720p30 test pattern to nginx, a live session): building the stream state, the 1 s tick, and sending ${counts} to ${r.clients} host windows over WebSocket; the whole process used ${r.processPercent.toFixed(1)} % (RTMP fan-out, preview, the windows' own parsing). Goal: under 1 %`,
    },
  ];
}

function overlayRows(r: OverlayResult): Row[] {
  const rows: Row[] = [];
  for (const run of r.latency) {
    const l = run.summary;
    const missed = run.samples.filter((s) => s === null).length;
    const mode = run.lowLatency ? 'low-latency encoding' : 'default encoding';
    rows.push(
      {
        name: `explain → card at the ingest, ${mode}: p50`,
        unit: 'ms',
        studio: l.p50Ms,
        baseline: null,
        note: `${run.explains} explains, two products in turn, 1.1–2 s apart, 720p${run.fps} test pattern, x264 veryfast${run.lowLatency ? ' -tune zerolatency' : ' (its lookahead holds every frame, the host’s picture and the card alike, ~0.6 s)'}; from just before live.explain to the arrival at nginx (seen by the bench's loopback proxy) of the first frame showing the new card (every frame nginx served decoded and looked at)${missed ? `; ${missed} never showed it` : ''}. Goal: p95 ≤ 300 ms`,
      },
      {
        name: `explain → card at the ingest, ${mode}: p95`,
        unit: 'ms',
        studio: summarizeP95(run.samples),
        baseline: null,
      },
    );
  }
  for (const layout of new Set(r.cpu.map((run) => run.layout))) {
    // Summed over the runs of each kind (each round runs the two side by side: overlay-bench.ts).
    const add = (overlay: boolean) => {
      const runs = r.cpu.filter((run) => run.layout === layout && run.overlay === overlay);
      const sum = (pick: (run: OverlayCpuRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
      return {
        runs,
        liveSeconds: runs[0]!.liveSeconds,
        encoder: sum((run) => run.encoderCpuSeconds),
        own: sum((run) => run.ownCpuSeconds),
        droppedFrames: sum((run) => run.droppedFrames),
        droppedTags: sum((run) => run.droppedTags),
      };
    };
    const bare = add(false);
    const over = add(true);
    // Each round's show with the overlay against the show without it beside it: how far the rounds agree.
    const cpuOf = (run: OverlayCpuRun) => run.encoderCpuSeconds + run.ownCpuSeconds;
    const ratios = over.runs.map((run, i) => cpuOf(run) / cpuOf(bare.runs[i]!));
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    rows.push(
      {
        name: `show with the overlay, ${layout} 30 fps: CPU`,
        unit: 's',
        studio: over.encoder + over.own,
        baseline: bare.encoder + bare.own,
        note: `${over.runs.length} shows of ${Math.round(over.liveSeconds)} s, each beside the same show without the overlay at the same time (each show in a process of its own), the overlay changing every 5 s (card, card + coupon, coupon, nothing) and the ticker scrolling; the encoder + the show's process (the engine, and the painting): encoder ${over.encoder.toFixed(1)} vs ${bare.encoder.toFixed(1)} s, process ${over.own.toFixed(2)} vs ${bare.own.toFixed(2)} s; round by round ${ratios.map((x) => x.toFixed(2)).join(', ')}× (median ${median.toFixed(2)}×). Goal ≤ 1.10×`,
      },
      {
        name: `show with the overlay, ${layout}: dropped frames`,
        unit: 'frames',
        studio: over.droppedFrames,
        baseline: bare.droppedFrames,
        note: `tags dropped by the publisher: ${over.droppedTags} vs ${bare.droppedTags}`,
      },
    );
  }
  return rows;
}

function summarizeP95(samples: ReadonlyArray<number | null>): number {
  const found = samples.filter((s): s is number => s !== null).sort((a, b) => a - b);
  return found[Math.min(found.length - 1, Math.ceil(0.95 * found.length) - 1)]!;
}

function streamRows(r: StreamResult): Row[] {
  const g = r.goLive.summary;
  const c = r.cpu;
  const rc = r.reconnect;
  const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
  const cpu = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(2)} s`);
  const spawns = median(rc.baseline.map((x) => x.spawns));
  const st = c.studio;
  const bare = c.baseline;
  return [
    {
      name: 'Go Live → first video frame at ingest',
      unit: 'ms',
      studio: g.studio.pictureMs,
      baseline: g.baseline.pictureMs,
      note: `median of ${r.goLive.runs} runs each (after a warm-up, interleaved; studio ${ms(g.studio.minPictureMs)}–${ms(g.studio.maxPictureMs)}, bare ${ms(g.baseline.minPictureMs)}–${ms(g.baseline.maxPictureMs)}): from engine.start() (Go Live), or spawning one bare ffmpeg with the engine's own capture and encode arguments and \`-f flv rtmp://…\`, to the first video message carrying a picture (the first keyframe) reaching nginx-rtmp, seen by a loopback proxy in the bench that parses the publisher's RTMP chunk stream. ${r.settings.width}×${r.settings.height} ${r.settings.fps} fps test pattern, ${r.settings.encoder} ${r.settings.preset}, ${r.settings.videoKbps}k. Studio: the encoder's first keyframe is read here at ${ms(g.studio.encoderLiveMs)}, its publisher (in this process) connects at ${ms(g.studio.connectMs)}, while the encoder starts, and sends the GOP cache (every codec's configuration, then the keyframe) once it is published; the frame arrives ${ms(g.studio.pictureMs - g.studio.connectMs)} after the connect; bare connects at ${ms(g.baseline.connectMs)}, before it starts encoding`,
    },
    {
      name: 'Go Live → 16 KB of media at ingest',
      unit: 'ms',
      studio: g.studio.media16kMs,
      baseline: g.baseline.media16kMs,
      note: "the same runs, to 16 KB of audio+video payload on the wire: the prototype's measure (827 vs 821 ms there)",
    },
    ...(r.goLiveRtt
      ? [
          {
            name: `Go Live → first frame, ${r.goLiveRtt.rttMs} ms RTT ingest`,
            unit: 'ms',
            studio: r.goLiveRtt.summary.studio.pictureMs,
            baseline: r.goLiveRtt.summary.baseline.pictureMs,
            note: `the same through a proxy holding every chunk ${r.goLiveRtt.rttMs / 2} ms each way (TCP's own handshake not delayed), as to a distant ingest. Both pay the RTMP handshake, connect and publish round trips before their first frame (bare ffmpeg opens its output before it starts encoding; the studio's publisher at once, sending once the encoder's first keyframe is read), so the distance costs both about alike: +${ms(r.goLiveRtt.summary.studio.pictureMs - g.studio.pictureMs)} studio, +${ms(r.goLiveRtt.summary.baseline.pictureMs - g.baseline.pictureMs)} bare over loopback`,
          },
        ]
      : []),
    {
      name: `CPU, ${c.seconds} s live 720p30 + recording`,
      unit: 'CPU s',
      studio: st.totalCpuSeconds,
      baseline: bare.totalCpuSeconds,
      note: `user+system of every process from the first spawn to the last exit, one run each (--stream-seconds sets the length; 60 by default). Studio: encoder ${cpu(st.live['encoder'])} and this process ${cpu(st.live['this process'])} (process.cpuUsage: FLV parsing, fan-out, the RTMP publisher, the recording's writes) while live, then ${cpu(st.afterStopSeconds)} to stop and remux to MP4. Bare: one ffmpeg, tee muxer to nginx (FLV) and an MP4 (+faststart): ${cpu(bare.live['ffmpeg'])} live, ${cpu(bare.afterStopSeconds)} to stop. Ended processes counted as /usr/bin/time does (this process's cutime+cstime in /proc/self/stat grow as each child is reaped); nginx not counted (${cpu(st.ingestCpuSeconds ?? undefined)} vs ${cpu(bare.ingestCpuSeconds ?? undefined)}); recordings ${st.recordingSeconds?.toFixed(1) ?? '?'} s vs ${bare.recordingSeconds?.toFixed(1) ?? '?'} s`,
    },
    {
      name: 'ingest back → video flowing (own retry)',
      unit: 'ms',
      studio: rc.medianMs.studioBackoff,
      baseline: rc.medianMs.baseline,
      note: `median of ${rc.runs} outages each: nginx SIGKILLed while live, down ${(rc.downMs / 1000).toFixed(0)} s, started again on the same port; from it answering RTMP again to the first picture on a new connection (same proxy). Studio on its own: while a refused ingest is down it is asked every 0.5 s (a TCP connect) and the publisher connects the moment it listens; the backoff (2 s, ×1.5 per failure) is the fallback. Bare ffmpeg exits when its ingest dies and never comes back by itself: the baseline is a supervisor loop that starts the same bare command again the moment it exits (${spawns} starts per outage, median)`,
    },
    {
      name: 'ingest back → video flowing (reconnect now)',
      unit: 'ms',
      studio: rc.medianMs.studioReconnectNow,
      baseline: rc.medianMs.baseline,
      note: `the same, with engine.reconnectNow() called the moment the ingest answers (the UI's button; its publisher starts primed with the cached GOP); the baseline is the same supervised bare command`,
    },
  ];
}

function phaseLines(runs: readonly CsvBenchResult[]): string[] {
  const lines = ['import phases (studio, median):'];
  for (const phase of Object.keys(runs[0]!.import.studio.phases)) {
    const ms = median(runs.map((r) => r.import.studio.phases[phase]?.ms ?? 0));
    lines.push(`  ${phase.padEnd(16)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  }
  for (const r of runs) {
    const bad = r.import.spotCheck.mismatches;
    if (bad.length > 0) lines.push(`WARNING: imported rows differ: ${bad.join('; ')}`);
    if (!r.export.identicalOutput)
      lines.push('WARNING: the baseline export is not byte-identical to the studio export');
  }
  return lines;
}

async function main(): Promise<void> {
  const opts = options();
  const root = tempDir('livecart-bench-');
  const started = now();
  try {
    const machine = machineInfo(root);
    console.log(
      `LiveCart Studio bench — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, SQLite ${machine.sqlite}, data on ${machine.dataRootFs} (${root})`,
    );

    const t0 = now();
    const products = generateProducts(opts.rows);
    const csv = productsCsvBytes(products);
    const generateMs = now() - t0;

    let rtt: RttResult | null = null;
    let fanout: FanoutResult | null = null;
    const catalogCsv: CsvBenchResult[] = [];
    let csvLibraries: CsvLibrariesResult | null = null;
    if (opts.only === undefined || opts.only === 'rtt') {
      console.log(`protocol round trip: ${opts.n} calls, then ${opts.clients} clients …`);
      // A SKU of its own, so this product never collides with the import file's.
      const product = { ...products[0]!, sku: 'RTT-0000001' };
      rtt = await benchProtocolRtt({
        dataDir: path.join(root, 'rtt'),
        n: opts.n,
        warmup: opts.warmup,
        clients: opts.clients,
        product,
      });
    }
    if (opts.only === undefined || opts.only === 'fanout') {
      console.log(`live fan-out: ${opts.fanoutN} explain calls to ${opts.clients} clients …`);
      fanout = await benchLiveFanout({
        dataDir: path.join(root, 'fanout'),
        n: opts.fanoutN,
        warmup: Math.min(opts.warmup, 100), // calls per target and pass; each one is a SQLite commit
        receivers: opts.clients,
      });
    }
    if (opts.only === undefined || opts.only === 'csv') {
      for (let k = 1; k <= opts.repeat; k++) {
        console.log(`products CSV: import and export of ${opts.rows} rows, run ${k} of ${opts.repeat} …`);
        const dir = path.join(root, `csv-${k}`);
        fs.mkdirSync(dir);
        collectGarbage();
        catalogCsv.push(
          await benchCatalogCsv({
            dataDir: path.join(dir, 'studio'),
            baselineFile: path.join(dir, 'baseline.db'),
            products,
            csv,
          }),
        );
        // Each run leaves its databases behind (~100 MB): removed at once unless --keep.
        if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
      }
      console.log(`products CSV: our reader beside csv-parse on ${opts.rows} rows …`);
      csvLibraries = benchCsvLibraries({ products: opts.rows });
    }

    let ordersRate: OrdersRateResult | null = null;
    let ordersExport: OrdersExportResult | null = null;
    let ordersXlsx: OrdersXlsxResult | null = null;
    if (opts.only === undefined || opts.only === 'orders') {
      console.log(`orders: ${opts.ordersN} orders.create by ${opts.ordersClients} clients …`);
      ordersRate = await benchOrdersRate({
        dataDir: path.join(root, 'orders'),
        baselineFile: path.join(root, 'orders-baseline'),
        n: opts.ordersN,
        warmup: Math.min(opts.warmup, opts.ordersN),
        clients: opts.ordersClients,
        flashUnits: opts.flashUnits,
      });
      console.log(`orders: CSV export of ${opts.ordersLines} order lines (seeding first) …`);
      ordersExport = await benchOrdersExport({
        dir: path.join(root, 'orders-export'),
        lines: opts.ordersLines,
        keep: opts.keep,
      });
      if (ordersExport.skipped) console.log(`orders export baseline: skipped, ${ordersExport.skipped}`);
      // Its database and files run to a gigabyte at full size: removed at once unless --keep.
      if (!opts.keep) fs.rmSync(path.join(root, 'orders-export'), { recursive: true, force: true });
    }
    if (opts.only === undefined || opts.only === 'orders' || opts.only === 'xlsx') {
      console.log(`orders: xlsx export of ${opts.xlsxLines} order lines beside the CSV export …`);
      ordersXlsx = await benchOrdersXlsx({
        dir: path.join(root, 'orders-xlsx'),
        lines: opts.xlsxLines,
        keep: opts.keep,
      });
    }

    let clips: ClipsBenchResult | null = null;
    if (opts.only === undefined || opts.only === 'clips') {
      console.log(`clips: 40 explanations of a ${opts.clipMinutes}-min 720p recording (made once, then cached) …`);
      clips = await benchClips({ dir: path.join(root, 'clips'), minutes: opts.clipMinutes, clips: 40 });
      if (!opts.keep) fs.rmSync(path.join(root, 'clips'), { recursive: true, force: true });
    }

    let shopSync: ShopSyncResult | null = null;
    if (opts.only === undefined || opts.only === 'shop') {
      console.log(`shop: an orders sync of ${opts.shopOrders} orders from a fake 微信小店 …`);
      shopSync = await benchShopSync({ dataDir: path.join(root, 'shop'), orders: opts.shopOrders });
    }

    let stream: StreamResult | null = null;
    let streamSkipped: string | null = null;
    // Sampled before the streaming part when it runs: its own encoders keep the load average up for minutes, and
    // that is not other work. It checks for other work itself, from /proc/stat, during its CPU runs.
    let busy: string | null | undefined;
    if (opts.only === undefined || opts.only === 'stream') {
      streamSkipped = streamBenchUnavailable();
      if (streamSkipped) {
        console.log(`streaming: skipped, ${streamSkipped}`);
      } else {
        busy = busyMachineWarning();
        console.log(
          `streaming: Go Live ${opts.streamRuns}× each, ${opts.streamReconnects} ingest outages each, ${opts.streamSeconds} s live each …`,
        );
        stream = await benchStream({
          dir: path.join(root, 'stream'),
          seconds: opts.streamSeconds,
          runs: opts.streamRuns,
          reconnects: opts.streamReconnects,
          rttMs: opts.streamRttMs,
          log: (line) => console.log(line),
        });
        if (!opts.keep) fs.rmSync(path.join(root, 'stream'), { recursive: true, force: true });
      }
    }

    let overlay: OverlayResult | null = null;
    if (opts.only === undefined || opts.only === 'overlay') {
      const unavailable = streamBenchUnavailable();
      if (unavailable) console.log(`overlay: skipped, ${unavailable}`);
      else {
        busy ??= busyMachineWarning();
        console.log(
          `overlay: ${opts.overlayExplains} explains at the ingest, then ${opts.overlayRounds} × 2 shows of ${opts.overlaySeconds} s per layout …`,
        );
        overlay = await benchOverlay({
          dir: path.join(root, 'overlay'),
          seconds: opts.overlaySeconds,
          explains: opts.overlayExplains,
          rounds: opts.overlayRounds,
          log: (line) => console.log(line),
        });
      }
    }

    let status: ShowStatusResult | null = null;
    if (opts.only === undefined || opts.only === 'status') {
      const unavailable = streamBenchUnavailable();
      if (unavailable) console.log(`show status: skipped, ${unavailable}`);
      else {
        console.log(`show status: a ${opts.statusSeconds} s show with ${opts.statusClients} windows …`);
        status = await benchShowStatus({
          dir: path.join(root, 'status'),
          seconds: opts.statusSeconds,
          clients: opts.statusClients,
          log: (line) => console.log(line),
        });
      }
    }

    const rows = [
      ...(rtt ? rttRows(rtt) : []),
      ...(fanout ? fanoutRows(fanout) : []),
      ...(catalogCsv.length ? csvRows(catalogCsv) : []),
      ...(csvLibraries ? csvLibrariesRows(csvLibraries) : []),
      ...(ordersRate ? ordersRateRows(ordersRate) : []),
      ...(ordersExport ? ordersExportRows(ordersExport) : []),
      ...(ordersXlsx ? ordersXlsxRows(ordersXlsx) : []),
      ...(clips ? clipsRows(clips) : []),
      ...(shopSync ? shopSyncRows(shopSync) : []),
      ...(stream ? streamRows(stream) : []),
      ...(overlay ? overlayRows(overlay) : []),
      ...(status ? statusRows(status) : []),
    ];
    console.log('');
    console.log(formatTable(rows));
    if (catalogCsv.length) console.log(['', ...phaseLines(catalogCsv)].join('\n'));
    if (stream?.warnings.length) console.log(['', ...stream.warnings].join('\n'));

    busy = busy === undefined ? busyMachineWarning() : busy;
    if (busy) console.log(`\n${busy}`);

    const totalSeconds = (now() - started) / 1000;
    writeJson(opts.out, {
      machine,
      loadAverageAtEnd: os.loadavg(),
      options: opts,
      data: { rows: products.length, csvBytes: csv.byteLength, generateMs },
      protocolRtt: rtt,
      liveFanout: fanout,
      catalogCsv: catalogCsv.length ? { runs: catalogCsv } : null,
      csvLibraries,
      orders:
        ordersRate || ordersExport || ordersXlsx ? { rate: ordersRate, export: ordersExport, xlsx: ordersXlsx } : null,
      shopSync,
      clips,
      stream: stream ?? (streamSkipped ? { skipped: streamSkipped } : null),
      overlay,
      showStatus: status,
      table: rows,
      totalSeconds,
    });
    console.log(`\n${totalSeconds.toFixed(1)} s in all; raw numbers in ${path.relative(process.cwd(), opts.out)}`);
  } finally {
    if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
  }
}

main().then(
  () => {
    // Anything still holding the loop open (a socket slow to close) must not keep the bench from exiting.
    setTimeout(() => process.exit(), 2000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
