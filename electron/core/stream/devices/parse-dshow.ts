// Windows: `ffmpeg -list_devices true -f dshow -i dummy`, printed on stderr, exit code non-zero (the dummy input).
//
// Two layouts are in use. ffmpeg before 4.4/5.0 prints section headings and bare quoted names:
//   [dshow @ 03ACF580] DirectShow video devices (some may be both video and audio devices)
//   [dshow @ 03ACF580]  "Integrated Camera"
//   [dshow @ 03ACF580]     Alternative name "@device_pnp_\\?\usb#vid_…\global"
//   [dshow @ 03ACF580] DirectShow audio devices
// Newer ffmpeg drops the headings and tags each name with the media types its pins carry, video category first:
//   [dshow @ 0000020e1a16fd40] "OBS Virtual Camera" (video)
//   [in#0 @ 000001bd07e70b00]   Alternative name "@device_sw_{860BB310-…}\{A3FCE0F5-…}"
//   [dshow @ 000001836119fd40] "DirectShow Softcam" (none)
import { logLines, type Device } from './device.ts';

interface Listed {
  kind: 'video' | 'audio';
  name: string;
  alternative: string | null;
}

const NAME = /^\s*"(.*)"\s*(?:\(([^)]*)\))?\s*$/;
const ALTERNATIVE = /^\s*Alternative name\s+"(.*)"\s*$/;

function kindOfTag(tag: string | undefined, section: Listed['kind'] | null, seenAudio: boolean): Listed['kind'] | null {
  if (tag === undefined) return section; // the old layout: the heading says
  const types = tag.split(',').map((t) => t.trim());
  if (types.includes('video')) return 'video';
  if (types.includes('audio')) return 'audio';
  // "(none)": a device whose pins show nothing right now (a virtual camera that is not running). ffmpeg lists
  // the video category before the audio one, so its place in the list says which it is.
  return seenAudio ? 'audio' : 'video';
}

export function parseDshow(text: string): Device[] {
  const listed: Listed[] = [];
  let section: Listed['kind'] | null = null;
  let seenAudio = false;
  for (const line of logLines(text)) {
    if (/^DirectShow video devices/.test(line)) section = 'video';
    else if (/^DirectShow audio devices/.test(line)) section = 'audio';
    const alternative = ALTERNATIVE.exec(line);
    if (alternative) {
      const last = listed.at(-1);
      if (last && last.alternative === null) last.alternative = alternative[1]!;
      continue;
    }
    const named = NAME.exec(line);
    if (!named) continue;
    const kind = kindOfTag(named[2], section, seenAudio);
    if (!kind) continue;
    if (kind === 'audio') seenAudio = true;
    listed.push({ kind, name: named[1]!, alternative: null });
  }
  return listed.map((device) => {
    // `video=A:audio=B` splits on ':', and two devices of one kind may share a name: the alternative name
    // (ffmpeg turns its ':' into '_') is unique and opens the same device.
    const shared = listed.filter((other) => other.kind === device.kind && other.name === device.name).length > 1;
    const selector = (shared || device.name.includes(':')) && device.alternative ? device.alternative : device.name;
    return { kind: device.kind, name: device.name, format: 'dshow', id: `${device.kind}=${selector}`, selector };
  });
}
