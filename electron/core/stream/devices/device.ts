// A camera or microphone as ffmpeg lists it, the same shape on every OS.

export type DeviceFormat = 'dshow' | 'avfoundation' | 'v4l2' | 'alsa' | 'pulse';

export interface Device {
  kind: 'video' | 'audio';
  /** What a person reads: the friendly name (dshow, avfoundation) or the description (v4l2, ALSA, Pulse). */
  name: string;
  /** The `-f` that opens it. */
  format: DeviceFormat;
  /**
   * What goes after `-i` to open this device alone:
   * dshow `video=Name` / `audio=Name`, avfoundation `0:none` / `none:1`, v4l2 `/dev/video0`,
   * ALSA `hw:CARD=PCH,DEV=0` / `default`, Pulse the source name.
   */
  id: string;
  /**
   * The part of `id` that names the device, for a command that opens a camera and a microphone together
   * (dshow `video=A:audio=B`, avfoundation `A:B`): the dshow name (its "Alternative name" when the name is
   * shared or holds a `:`), the avfoundation index, else the same as `id`.
   */
  selector: string;
  /** The system default (Pulse and ALSA mark one with `*`). */
  isDefault?: boolean;
  /** avfoundation's "Capture screen N": the display, not a camera. */
  screen?: boolean;
}

const LOG_PREFIX = /^\[[^\]\r\n]*? @ [0-9a-fA-Fx]+\]\s?/;
// eslint-disable-next-line no-control-regex -- ANSI colour codes, which ffmpeg adds when forced to
const ANSI = /\x1b\[[0-9;]*m/g;

/** ffmpeg's log lines with the `[dshow @ 0x…] ` / `[in#0 @ …] ` / `[AVFoundation indev @ …] ` prefix removed. */
export function logLines(text: string): string[] {
  return text
    .replace(ANSI, '')
    .split(/\r\n|\n|\r/)
    .map((line) => line.replace(LOG_PREFIX, ''));
}
