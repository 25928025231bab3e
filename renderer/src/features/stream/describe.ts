// How the stream screen names things: platforms, presets, phases, numbers, and the core's reason codes.
import type { Platform, StreamDestination, VideoPreset } from '../../../../electron/core/protocol/contract.ts';
import { PLATFORM_PRESETS, PRESET_SIZES } from '../../../../electron/core/protocol/stream-presets.ts';
import type { MessageKey, Translator } from '../../i18n/index.ts';

export const PLATFORM_LABEL: Record<Platform, MessageKey> = {
  wechat: 'stream.platform.wechat',
  douyin: 'stream.platform.douyin',
  kuaishou: 'stream.platform.kuaishou',
  bilibili: 'stream.platform.bilibili',
  youtube: 'stream.platform.youtube',
  twitch: 'stream.platform.twitch',
  facebook: 'stream.platform.facebook',
  custom: 'stream.platform.custom',
};

export const PRESET_LABEL: Record<VideoPreset, MessageKey> = {
  '720p': 'stream.preset.720p',
  '1080p': 'stream.preset.1080p',
  vertical: 'stream.preset.vertical',
};

export function presetSize(preset: VideoPreset): string {
  const { width, height } = PRESET_SIZES[preset];
  return `${width}×${height}`;
}

/** A `stream_…` reason code from the core (without its prefix) in the host's language. */
export function reasonText(tr: Translator, reason: string | null): string | null {
  return reason ? tr.msg(`stream_${reason}`) : null;
}

/**
 * The server address a destination was saved with, as far as the masked URL shows it (`rtmp://host/app/••••`
 * without the mask). The core hands the address back only masked, yet an update must send one: the platform's
 * own preset spelling is used when it is the same address, so a trailing slash does not count as a change.
 */
export function serverAddressOf(destination: Pick<StreamDestination, 'maskedUrl' | 'platform'>): string {
  const address = destination.maskedUrl.replace(/\/?••••$/, '');
  const preset = PLATFORM_PRESETS[destination.platform].serverUrl;
  if (preset && preset.replace(/\/+$/, '') === address) return preset;
  return address;
}

/** The lowest maximum bitrate among the platforms streamed to, and which platform sets it. */
export function bitrateLimit(
  destinations: readonly StreamDestination[],
): { platform: Platform; maxKbps: number } | null {
  let limit: { platform: Platform; maxKbps: number } | null = null;
  for (const d of destinations) {
    if (!d.enabled) continue;
    const { maxKbps } = PLATFORM_PRESETS[d.platform];
    if (!limit || maxKbps < limit.maxKbps) limit = { platform: d.platform, maxKbps };
  }
  return limit;
}
