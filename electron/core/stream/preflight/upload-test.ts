// Pushes the test clip to every destination at once and measures what each connection takes. All at once because
// they share this machine's upload, as they will in the show. Each is paced to CAP_FACTOR × its bitrate (a fast
// line shows as "at least that", a slow one as what it managed) with a small backlog, and the rate is read only
// after a warm-up: the first second mostly fills the operating system's socket buffers, which says nothing about
// the line. And what counts is what the server says it received (RTMP acknowledgements, asked for every 16 KB): the
// operating system takes megabytes into its buffers at once, so bytes written say little about a slow line. A server
// that never acknowledges leaves the bytes written as an estimate. Bounded: every connection ends after its window or a connect timeout, whatever the server does.
import type { ExitReason } from '../engine/exit-reason.ts';
import { TAG_SCRIPT, type FlvTag } from '../engine/flv-reader.ts';
import type { Publisher, PublisherEnd, PublisherEvents } from '../rtmp/publisher.ts';
import type { RtmpTarget } from '../rtmp/rtmp-target.ts';
import { kbpsOf } from './preflight-rules.ts';
import type { TestClip } from './test-clip.ts';

export interface UploadTiming {
  /** Pushed before the rate is read. */
  warmMs: number;
  /** The window the rate is read over. */
  measureMs: number;
  /** Not publishing by then: the ingest is not answering. */
  connectTimeoutMs: number;
}

export const DEFAULT_TIMING: UploadTiming = { warmMs: 1_000, measureMs: 3_000, connectTimeoutMs: 10_000 };

/** A publisher that can say what the server acknowledged (RtmpPublisher with an ackWindow). */
export type MeasuredPublisher = Publisher & { readonly acknowledgedBytes: number | null };
export type ConnectMeasured = (target: RtmpTarget, events: PublisherEvents) => MeasuredPublisher;
/** How often the server is asked to acknowledge: fine enough to read 300 kbit/s over three seconds. */
export const ACK_WINDOW = 16 * 1024;

export type UploadResult =
  /** `estimated`: the server never acknowledged, so this is what left this machine's buffers. */
  | { id: number; reached: true; kbps: number; capped: boolean; estimated: boolean }
  | { id: number; reached: false; reason: ExitReason | 'timeout'; detail: string | null };

export interface UploadRun {
  targets: Array<{ id: number; target: RtmpTarget }>;
  clip: TestClip;
  /** The most each destination is sent, kbit/s. */
  capKbps: number;
  connect: ConnectMeasured;
  timing?: UploadTiming;
  now?: () => number;
  /** One destination's result, as soon as it is known. */
  onResult?(result: UploadResult): void;
}

const PUMP_MS = 20;
/** Queued in this process beyond what the system took: enough to keep a fast line busy between pumps. */
const MAX_BACKLOG = 256 * 1024;

export function measureUploads(run: UploadRun): Promise<UploadResult[]> {
  return Promise.all(
    run.targets.map(async (t) => {
      const result = await measureOne(t.id, t.target, run);
      run.onResult?.(result);
      return result;
    }),
  );
}

function measureOne(id: number, target: RtmpTarget, run: UploadRun): Promise<UploadResult> {
  const timing = run.timing ?? DEFAULT_TIMING;
  const now = run.now ?? Date.now;
  const bytesPerMs = (run.capKbps * 1000) / 8 / 1000;
  return new Promise((resolve) => {
    let publisher: MeasuredPublisher | null = null;
    let settled = false;
    let pump: ReturnType<typeof setInterval> | null = null;
    let startedAt = 0;
    let queued = 0;
    let next = 0;
    let loop = 0;
    let warm: { sent: number; acked: number | null; at: number } | null = null;
    const finish = (result: UploadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      if (pump) clearInterval(pump);
      resolve(result);
      // Unpublished politely when the result is known; a server that does not let go is cut by the publisher.
      void publisher?.stop();
    };
    const connectTimer = setTimeout(
      () => finish({ id, reached: false, reason: 'timeout', detail: null }),
      timing.connectTimeoutMs,
    );
    const step = () => {
      const p = publisher;
      if (!p || settled) return;
      const elapsed = now() - startedAt;
      if (warm === null && elapsed >= timing.warmMs) {
        warm = { sent: p.sentBytes, acked: p.acknowledgedBytes, at: now() };
      }
      if (warm !== null && now() - warm.at >= timing.measureMs) {
        const acked = p.acknowledgedBytes;
        const estimated = warm.acked === null || acked === null || acked === warm.acked;
        const bytes = estimated ? p.sentBytes - warm.sent : acked - (warm.acked ?? 0);
        const kbps = kbpsOf(bytes, now() - warm.at);
        finish({ id, reached: true, kbps, capped: kbps >= run.capKbps * 0.9, estimated });
        return;
      }
      while (queued < elapsed * bytesPerMs && p.backlog < MAX_BACKLOG) {
        const tag = nextTag();
        p.send(tag);
        queued += tag.bytes.length;
      }
    };
    // The clip over and over on one timeline; its header, metadata and codec configuration only the first time.
    const nextTag = (): FlvTag => {
      const { tags, durationMs } = run.clip;
      for (;;) {
        if (next >= tags.length) {
          next = 0;
          loop += 1;
        }
        const tag = tags[next++]!;
        if (loop > 0 && (tag.config || tag.type === TAG_SCRIPT)) continue;
        return loop === 0 ? tag : { ...tag, timestamp: tag.timestamp + loop * durationMs };
      }
    };
    publisher = run.connect(target, {
      onPublishing: () => {
        clearTimeout(connectTimer);
        startedAt = now();
        step();
        pump = setInterval(step, PUMP_MS);
      },
      onEnd: (end: PublisherEnd) => finish({ id, reached: false, reason: end.reason, detail: end.detail || null }),
    });
  });
}
