// What each platform expects of a stream, for the destination form's defaults and the bitrate warning.
// Runtime-neutral: the core checks against it and the UI shows it. Server addresses that are the same for
// everyone are filled in; Chinese platforms hand each seller their own push address (推流地址), so theirs is
// typed or pasted from the platform's live console.
import type { Platform } from './stream-schemas.ts';

export interface PlatformPreset {
  /** Filled in for platforms whose ingest address is the same for everyone. */
  serverUrl: string | null;
  /** Highest video bitrate the platform recommends, kbit/s. */
  maxKbps: number;
  /** Phone-first platforms favour a vertical 1080×1920 picture. */
  vertical: boolean;
  /** Only RTMPS is accepted. */
  rtmpsOnly: boolean;
}

export const PLATFORM_PRESETS: Record<Platform, PlatformPreset> = {
  wechat: { serverUrl: null, maxKbps: 6000, vertical: true, rtmpsOnly: false },
  douyin: { serverUrl: null, maxKbps: 6000, vertical: true, rtmpsOnly: false },
  kuaishou: { serverUrl: null, maxKbps: 6000, vertical: true, rtmpsOnly: false },
  bilibili: { serverUrl: 'rtmp://live-push.bilivideo.com/live-bvc/', maxKbps: 6000, vertical: false, rtmpsOnly: false },
  youtube: { serverUrl: 'rtmps://a.rtmps.youtube.com/live2', maxKbps: 9000, vertical: false, rtmpsOnly: false },
  twitch: {
    serverUrl: 'rtmps://ingest.global-contribute.live-video.net/app',
    maxKbps: 6000,
    vertical: false,
    rtmpsOnly: false,
  },
  facebook: { serverUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/', maxKbps: 9000, vertical: false, rtmpsOnly: true },
  custom: { serverUrl: null, maxKbps: 20_000, vertical: false, rtmpsOnly: false },
};

export const PRESET_SIZES = {
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
  vertical: { width: 1080, height: 1920 },
} as const;

/** The URL ffmpeg publishes to: the server address and the key, joined the way every platform means it. */
export function publishUrl(serverUrl: string, streamKey: string): string {
  const key = streamKey.trim().replace(/^\/+/, '');
  if (!key) return serverUrl.trim();
  return `${serverUrl.trim().replace(/\/+$/, '')}/${key}`;
}
