// Helpers for the streaming e2e tests (stream.spec.ts): a real RTMP ingest per test, protocol shortcuts for the
// arrangement, the stream screen's preview fingerprint, the studio's encoder processes, and ending a show.
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { missing } from '../support/tools.ts';
import { TestClient } from '../support/ws-client.ts';
import { expect, test } from './fixtures.ts';
import type { StudioProcess } from './studio-process.ts';

/**
 * For specs that stream (call from test.beforeEach): CI must have nginx with its RTMP module and ffmpeg, so a missing
 * one fails every test loudly there. Only on a developer's machine without them is the test skipped — never to
 * hide a failure: the skip happens before anything runs, and it names the tool and how to install it.
 */
export function requireStreamingTools(what: string, tools: readonly string[] = ['nginx', 'ffmpeg']): void {
  const absent = tools.map((tool) => missing(tool)).find((reason) => reason !== null) ?? null;
  if (absent === null) return;
  if (process.env.CI) throw new Error(`CI must have the streaming tools: ${absent}`);
  // The reason is the missing tool, named with how to install it; never a failure hidden.
  test.skip(true, `skipped outside CI only: ${what} needs ${absent}`);
}

/** `rtmp://127.0.0.1:PORT/live/KEY` → the server address and the key, as a platform's console shows them. */
export function splitUrl(url: string): { server: string; key: string } {
  const cut = url.lastIndexOf('/');
  return { server: url.slice(0, cut), key: decodeURIComponent(url.slice(cut + 1)) };
}

export async function withApi<T>(studio: StudioProcess, work: (api: TestClient) => Promise<T>): Promise<T> {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    return await work(api);
  } finally {
    api.close();
  }
}

export async function withRtmp(
  options: Parameters<typeof startRtmpServer>[0],
  work: (rtmp: RtmpServer) => Promise<void>,
) {
  const rtmp = await startRtmpServer(options);
  try {
    await work(rtmp);
  } finally {
    await rtmp.stop();
  }
}

export async function openStream(page: Page, studio: StudioProcess): Promise<void> {
  await page.goto(studio.url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '直播', exact: true }).click();
  await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'idle');
}

/** A fingerprint of the preview's pixels (drawn small), so "the picture moved" means more than a new URL. */
export async function previewPixels(page: Page): Promise<{ src: string; frame: number; pixels: string }> {
  return page.getByTestId('preview-image').evaluate(async (node) => {
    const img = node as HTMLImageElement;
    // A copy of the frame shown now, decoded: the element's own picture may be replaced (four a second) while it is
    // decoded, and a failed decode draws nothing. Tried again on the next frame; a preview that never decodes fails.
    for (let attempt = 0; attempt < 50; attempt++) {
      const src = img.src;
      const frame = Number(img.dataset.frame);
      const copy = new Image();
      copy.src = src;
      const decoded = await copy.decode().then(
        () => copy.naturalWidth > 0,
        () => false,
      );
      if (!decoded) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        continue;
      }
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 54;
      const context = canvas.getContext('2d')!;
      context.drawImage(copy, 0, 0, canvas.width, canvas.height);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 0;
      for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data[i]!) | 0;
      return { src, frame, pixels: `${hash}:${data.length}` };
    }
    throw new Error('the preview never showed a picture that could be decoded');
  });
}

/**
 * The studio's running encoders: its ffmpeg children whose arguments carry the progress pipe (fd 4). Device listings
 * and probes have none.
 */
export function encoderPids(studio: StudioProcess): number[] {
  const parent = studio.pid;
  if (parent === null) throw new Error('the studio is not running');
  let listing: string;
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []; // no child at all
    throw error;
  }
  return listing
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('-progress pipe:4'))
    .map((line) => Number(line.split(/\s+/, 1)[0]));
}

/** Settings for a light show on the test pattern, arranged through the protocol (the stream spec's first test covers the form). */
export async function arrangeTestPattern(api: TestClient, record: boolean): Promise<void> {
  await api.call('stream.saveSettings', {
    settings: {
      source: { kind: 'test-pattern' },
      preset: '720p',
      fps: 25,
      videoKbps: 600,
      hardware: false,
      lowLatency: true,
      record,
    },
  });
}

/**
 * The preview shows new frames with new pixels (not one frozen picture re-sent). The pixels are polled too: a
 * frame replaced while the browser decodes it can leave the previous picture drawn for a moment.
 */
export async function expectPreviewMoving(page: Page): Promise<void> {
  await expect(page.getByTestId('preview-image')).toBeVisible({ timeout: 10_000 });
  const first = await previewPixels(page);
  await expect
    .poll(async () => (await previewPixels(page)).frame, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(first.frame + 2);
  await expect.poll(async () => (await previewPixels(page)).pixels, { timeout: 5_000 }).not.toBe(first.pixels);
}

export async function stopShow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '结束直播' }).click();
  const confirm = page.getByRole('dialog', { name: '结束直播？' });
  await expect(confirm.getByRole('button', { name: '取消' })).toBeFocused(); // a stray Enter does not end it
  await confirm.getByRole('button', { name: '结束直播' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'idle', { timeout: 20_000 });
}

/**
 * The test pattern (no recording) and one destination `测试收流` on `rtmp` with `key`, arranged through the protocol;
 * then the stream screen opened and 开播 pressed, until the show is live.
 */
export async function goLiveWithTestPattern(
  page: Page,
  studio: StudioProcess,
  rtmp: RtmpServer,
  key: string,
): Promise<void> {
  const { server } = splitUrl(rtmp.url(key));
  await withApi(studio, async (api) => {
    await arrangeTestPattern(api, false);
    await api.call('stream.saveDestination', {
      input: { name: '测试收流', platform: 'custom', serverUrl: server, streamKey: key, enabled: true },
    });
  });
  await openStream(page, studio);
  await page.getByRole('button', { name: '开播', exact: true }).click();
  await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
}
