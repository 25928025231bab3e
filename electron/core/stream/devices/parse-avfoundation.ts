// macOS: `ffmpeg -f avfoundation -list_devices true -i ""`, printed on stderr, exit code non-zero:
//   [AVFoundation indev @ 0x7fe73bc22200] AVFoundation video devices:
//   [AVFoundation indev @ 0x7fe73bc22200] [0] FaceTime HD Camera (Built-in)
//   [AVFoundation indev @ 0x7fe73bc22200] [1] Capture screen 0
//   [AVFoundation indev @ 0x7fe73bc22200] AVFoundation audio devices:
//   [AVFoundation indev @ 0x7fe73bc22200] [0] Built-in Microphone
// (ffmpeg 2.x/3.x says "AVFoundation input device @"; plug-ins may log their own lines in between.)
// Devices are opened by index, `-i "VIDEO:AUDIO"` with `none` for the side not wanted: ffmpeg matches names
// by prefix, so "FaceTime HD Camera" would also open "FaceTime HD Camera (Display)".
import { logLines, type Device } from './device.ts';

const ENTRY = /^\[(\d+)\] (.+?)\s*$/;

export function parseAvfoundation(text: string): Device[] {
  const devices: Device[] = [];
  let section: Device['kind'] | null = null;
  for (const line of logLines(text)) {
    if (/AVFoundation video devices:\s*$/.test(line)) section = 'video';
    else if (/AVFoundation audio devices:\s*$/.test(line)) section = 'audio';
    const entry = ENTRY.exec(line);
    if (!entry || !section) continue;
    const index = entry[1]!;
    const name = entry[2]!;
    const device: Device = {
      kind: section,
      name,
      format: 'avfoundation',
      id: section === 'video' ? `${index}:none` : `none:${index}`,
      selector: index,
    };
    if (section === 'video' && /^Capture screen \d+$/.test(name)) device.screen = true;
    devices.push(device);
  }
  return devices;
}
