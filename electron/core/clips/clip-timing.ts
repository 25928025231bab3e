// Where an explanation is in a recording. The recording's time was tied to the wall clock at its first frame and at
// each change of encoder (stream/engine/recorder.ts): between two anchors the file runs with the wall clock; a
// stall across one is not in the file (it shows as a freeze), so a wall time inside it maps to where the file
// picks up again. Pure: no files, no ffmpeg.
import type { RecordingAnchor } from '../stream/engine/recorder.ts';

/** The recording's own time (ms) at wall-clock `wallMs`; before its first frame, 0; never past `durationMs`. */
export function recordingTimeAt(anchors: readonly RecordingAnchor[], wallMs: number, durationMs: number): number {
  if (anchors.length === 0) return 0;
  let at = 0;
  for (let k = 1; k < anchors.length && anchors[k]!.wallMs <= wallMs; k++) at = k;
  const anchor = anchors[at]!;
  let t = anchor.recordingMs + (wallMs - anchor.wallMs);
  const next = anchors[at + 1];
  if (next && t > next.recordingMs) t = next.recordingMs; // inside a stall: where the file goes on
  return Math.min(Math.max(0, t), durationMs);
}

/** The wall-clock time the recording's last frame was shown, by its last anchor. */
export function recordingEndWall(anchors: readonly RecordingAnchor[], durationMs: number): number | null {
  const last = anchors.at(-1);
  return last ? last.wallMs + Math.max(0, durationMs - last.recordingMs) : null;
}
