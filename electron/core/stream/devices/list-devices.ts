// Cameras and microphones, from ffmpeg's own listing for this OS: dshow on Windows, avfoundation on macOS,
// v4l2 plus Pulse (PipeWire answers as Pulse too) or else ALSA on Linux.
import { runFfmpeg, type FfmpegRun } from '../../ffmpeg/run.ts';
import type { Device } from './device.ts';
import { parseAvfoundation } from './parse-avfoundation.ts';
import { parseDshow } from './parse-dshow.ts';
import { alsaCaptureDevices, parseSources } from './parse-linux.ts';

export type Runner = (binary: string, args: string[]) => Promise<FfmpegRun>;

export class DeviceListError extends Error {
  readonly failure: string;
  constructor(failure: string) {
    super(`ffmpeg could not list devices: ${failure}`);
    this.name = 'DeviceListError';
    this.failure = failure;
  }
}

/** The commands each OS runs, in order (exported for the tests and for `livecart doctor`). */
export function listingCommands(platform: NodeJS.Platform): string[][] {
  const base = ['-hide_banner', '-nostdin'];
  switch (platform) {
    case 'win32':
      return [[...base, '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy']];
    case 'darwin':
      return [[...base, '-f', 'avfoundation', '-list_devices', 'true', '-i', '']];
    default:
      return [
        [...base, '-sources', 'v4l2'],
        [...base, '-sources', 'pulse'],
        [...base, '-sources', 'alsa'],
      ];
  }
}

function output(run: FfmpegRun): string {
  if (run.failure) throw new DeviceListError(run.failure);
  return `${run.stderr}\n${run.stdout}`;
}

export async function listDevices(
  ffmpegPath: string,
  platform: NodeJS.Platform = process.platform,
  run: Runner = runFfmpeg,
): Promise<Device[]> {
  const commands = listingCommands(platform);
  const results = await Promise.all(commands.map((args) => run(ffmpegPath, args)));
  if (platform === 'win32') return parseDshow(output(results[0]!));
  if (platform === 'darwin') return parseAvfoundation(output(results[0]!));
  const [v4l2, pulse, alsa] = results.map((result) => parseSources(output(result)));
  // Pulse names the sources people recognise ("Monitor of …" included); raw ALSA is the fallback without it.
  const audio = pulse && pulse.devices.length > 0 ? pulse.devices : alsaCaptureDevices(alsa?.devices ?? []);
  return [...(v4l2?.devices ?? []), ...audio];
}
