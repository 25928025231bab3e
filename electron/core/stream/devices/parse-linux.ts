// Linux: `ffmpeg -sources v4l2` / `-sources pulse` / `-sources alsa`, printed on stdout, exit code 0 even when
// the listing failed:
//   Auto-detected sources for video4linux2,v4l2:
//     /dev/video0 [Integrated Camera: Integrated C] (none)
//   Auto-detected sources for pulse:
//   * alsa_input.pci-0000_00_1f.3.analog-stereo [Built-in Audio Analog Stereo] (none)
//   Auto-detected sources for pulse:
//   Cannot list sources: Generic error in an external library
// `*` marks the default; ffmpeg before 5.0 prints no "(media types)"; a v4l2 camera often shows twice
// (its metadata node has the same card name).
import type { Device, DeviceFormat } from './device.ts';

export interface SourcesListing {
  format: DeviceFormat | null;
  devices: Device[];
  /** ffmpeg's own reason when it could not list (no Pulse server, no permission). */
  error: string | null;
}

const HEADER = /^Auto-detected sources for (\S+?):\s*$/;
const ENTRY = /^([* ]?)\s*(\S+) \[(.*)\](?: \(([^)]*)\))?\s*$/;
const FAILED = /^Cannot list sources[:.]?\s*(.*)$/;

function formatOf(name: string): DeviceFormat | null {
  const names = name.split(',');
  if (names.includes('v4l2')) return 'v4l2';
  if (names.includes('pulse')) return 'pulse';
  if (names.includes('alsa')) return 'alsa';
  return null;
}

export function parseSources(text: string): SourcesListing {
  const listing: SourcesListing = { format: null, devices: [], error: null };
  for (const line of text.split(/\r\n|\n|\r/)) {
    const header = HEADER.exec(line);
    if (header) {
      listing.format = formatOf(header[1]!);
      continue;
    }
    const failed = FAILED.exec(line.trim());
    if (failed) {
      listing.error = failed[1] || line.trim();
      continue;
    }
    const entry = ENTRY.exec(line);
    if (!entry || !listing.format) continue;
    const id = entry[2]!;
    const device: Device = {
      kind: listing.format === 'v4l2' ? 'video' : 'audio',
      name: entry[3]!.trim() || id,
      format: listing.format,
      id,
      selector: id,
    };
    if (entry[1] === '*') device.isDefault = true;
    listing.devices.push(device);
  }
  return listing;
}

// ALSA's hint list also names converter plug-ins and the null device; none of them is a microphone.
const ALSA_NOT_CAPTURE = new Set(['null', 'lavrate', 'samplerate', 'speexrate', 'speex', 'upmix', 'vdownmix']);

/** The ALSA entries worth offering as a microphone. */
export function alsaCaptureDevices(devices: Device[]): Device[] {
  return devices.filter((device) => device.format !== 'alsa' || !ALSA_NOT_CAPTURE.has(device.id));
}
