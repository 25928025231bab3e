// Runs the pre-flight check (see protocol/preflight-schemas.ts) against the saved settings and destinations: the
// same ones start() will use, opened the same way (a key that would not open here would not open at start either).
// Devices and disk first (a moment), then the upload test (a few seconds); `onProgress` gets the report after each
// finding so the host sees lines turn green or red as they come.
import { refused } from '../../protocol/errors.ts';
import path from 'node:path';
import type { Preflight, PreflightDestination } from '../../protocol/preflight-schemas.ts';
import type { SourceChoice } from '../../protocol/stream-schemas.ts';
import { PRESET_SIZES } from '../../protocol/stream-presets.ts';
import type { SecretBox } from '../../system/secret-box.ts';
import { diskVerdict } from '../disk-space.ts';
import { rtmpTarget, type RtmpTarget } from '../rtmp/rtmp-target.ts';
import { AUDIO_KBPS, openKey, unlistedDevices, type StreamDeps } from '../stream-plan.ts';
import { redact } from '../stream-rules.ts';
import type { StreamStore } from '../stream-store.ts';
import { CAP_FACTOR, uploadLevel, worst } from './preflight-rules.ts';
import { encodeTestClip } from './test-clip.ts';
import { measureUploads, type ConnectMeasured, type UploadResult, type UploadTiming } from './upload-test.ts';

export interface PreflightInput {
  store: StreamStore;
  secrets: SecretBox;
  deps: StreamDeps;
  recordingsDir: string;
  /** A show runs or is starting: a new check is refused (one already running is joined). */
  showBusy?: boolean;
  connect: ConnectMeasured;
  timing?: UploadTiming;
  onProgress(report: Preflight): void;
}

/** One pre-flight check at a time: a second request while one runs gets the same report. */
export class PreflightRuns {
  private current: Promise<Preflight> | null = null;

  get running(): boolean {
    return this.current !== null;
  }

  /** Runs the check (or joins the one running); refused while a show runs or starts. */
  run(input: PreflightInput): Promise<Preflight> {
    if (!this.current && input.showBusy) throw refused('stream_live', 'the pre-flight check cannot run during a show');
    this.current ??= runPreflight(input).finally(() => {
      this.current = null;
    });
    return this.current;
  }
}

export async function runPreflight(input: PreflightInput): Promise<Preflight> {
  const { store, deps } = input;
  const settings = store.settings();
  const neededKbps = settings.videoKbps + AUDIO_KBPS;
  const rows = store.list().filter((row) => row.enabled === 1);
  const report: Preflight = {
    running: true,
    startedAt: deps.now(),
    finishedAt: null,
    devices: { level: 'pending', outcome: null, missing: [] },
    disk: {
      level: settings.record ? 'pending' : 'skipped',
      recording: settings.record,
      freeBytes: null,
      minutesLeft: null,
    },
    destinations: [],
    upload: {
      level: rows.length > 0 ? 'pending' : 'skipped',
      measuredKbps: null,
      neededKbps: neededKbps * rows.length,
    },
    level: 'pending',
  };
  const targets: Array<{ id: number; target: RtmpTarget }> = [];
  const keys: string[] = [];
  for (const row of rows) {
    const line: PreflightDestination = {
      id: row.id,
      name: row.name,
      level: 'pending',
      outcome: null,
      detail: null,
      measuredKbps: null,
      capped: false,
      estimated: false,
      neededKbps,
    };
    const key = openKey(input.secrets, row);
    const target = key === null ? null : rtmpTarget(row.server_url, key);
    if (key === null || !target) {
      Object.assign(line, { level: 'fail', outcome: key === null ? 'key_missing' : 'url_invalid' });
    } else {
      keys.push(key);
      targets.push({ id: row.id, target });
    }
    report.destinations.push(line);
  }
  const progress = () => input.onProgress(structuredClone(report));
  progress();

  const found = deps.locate();
  await checkDevices(report, settings.source, deps, found?.path ?? null);
  progress();
  if (settings.record) {
    await checkDisk(report, input.recordingsDir, deps, (neededKbps * 1000) / 8);
    progress();
  }

  if (targets.length > 0) {
    const clip = found
      ? await encodeTestClip(found.path, {
          ...PRESET_SIZES[settings.preset],
          fps: settings.fps,
          videoKbps: settings.videoKbps,
          audioKbps: AUDIO_KBPS,
        }).catch((error: Error) => error)
      : new Error('ffmpeg was not found');
    if (clip instanceof Error) {
      for (const line of report.destinations) {
        if (line.level === 'pending')
          Object.assign(line, { level: 'skipped', outcome: 'no_test_clip', detail: clip.message.slice(0, 300) });
      }
    } else {
      const results = await measureUploads({
        targets,
        clip,
        capKbps: neededKbps * CAP_FACTOR,
        connect: input.connect,
        timing: input.timing,
        onResult: (result) => {
          applyResult(report, result, (text) => redact(text, keys));
          progress();
        },
      });
      const measured = results.flatMap((r) => (r.reached ? [r.kbps] : []));
      if (measured.length > 0) report.upload.measuredKbps = measured.reduce((a, b) => a + b, 0);
    }
    const total = report.upload.measuredKbps;
    report.upload.level = total === null ? 'fail' : uploadLevel(total, report.upload.neededKbps);
  }

  report.running = false;
  report.finishedAt = deps.now();
  report.level = worst([
    report.devices.level,
    report.disk.level,
    report.upload.level,
    ...report.destinations.map((d) => d.level),
  ]);
  progress();
  return report;
}

async function checkDevices(
  report: Preflight,
  source: SourceChoice,
  deps: StreamDeps,
  ffmpegPath: string | null,
): Promise<void> {
  if (!ffmpegPath) {
    report.devices = { level: 'fail', outcome: 'no_ffmpeg', missing: [] };
    return;
  }
  if (source.kind === 'test-pattern') {
    report.devices = { level: 'ok', outcome: 'pattern', missing: [] };
    return;
  }
  const issues = await unlistedDevices(source, deps, ffmpegPath);
  if (issues.some((i) => i.code === 'stream_devices_failed')) {
    report.devices = { level: 'fail', outcome: 'devices_failed', missing: [] };
    return;
  }
  const missing = issues.map((i) => ({
    kind: i.params?.kind === 'audio' ? ('audio' as const) : ('video' as const),
    name: String(i.params?.name ?? ''),
  }));
  report.devices =
    missing.length > 0 ? { level: 'fail', outcome: 'missing', missing } : { level: 'ok', outcome: 'found', missing };
}

async function checkDisk(report: Preflight, dir: string, deps: StreamDeps, bytesPerSecond: number): Promise<void> {
  // The recordings' folder is made at the first show: until then its parent (the data folder) is the same disk.
  const free = (await deps.freeSpace(dir)) ?? (await deps.freeSpace(path.dirname(dir)));
  if (free === null) {
    report.disk = { ...report.disk, level: 'warn', freeBytes: null, minutesLeft: null };
    return;
  }
  const verdict = diskVerdict(free, bytesPerSecond);
  const level = verdict.level === 'critical' ? 'fail' : verdict.level === 'low' ? 'warn' : 'ok';
  report.disk = { ...report.disk, level, freeBytes: free, minutesLeft: verdict.minutesLeft };
}

function applyResult(report: Preflight, result: UploadResult, redact: (text: string) => string): void {
  const line = report.destinations.find((d) => d.id === result.id);
  if (!line) return;
  if (result.reached) {
    Object.assign(line, {
      level: uploadLevel(result.kbps, line.neededKbps),
      outcome: 'reached',
      measuredKbps: result.kbps,
      capped: result.capped,
      estimated: result.estimated,
    });
  } else {
    Object.assign(line, { level: 'fail', outcome: result.reason, detail: result.detail && redact(result.detail) });
  }
}
