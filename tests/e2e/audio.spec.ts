// The show's sound in the UI, live against a real ingest with the test pattern's tone: the meter moves with it, M
// mutes (the core says muted, the same encoder keeps running) and the meter still shows the sound, M again unmutes.
import { expect, test } from './fixtures.ts';
import {
  encoderPids,
  goLiveWithTestPattern,
  requireStreamingTools,
  stopShow,
  withApi,
  withRtmp,
} from './stream-helpers.ts';

test.beforeEach(() => requireStreamingTools('the sound controls'));

test('the level meter follows the sound; M mutes and unmutes without restarting the encoder', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({}, async (rtmp) => {
    await goLiveWithTestPattern(page, studio, rtmp, 'lc-e2e-audio-5e1b');

    const meter = page.getByRole('meter', { name: '麦克风音量' });
    // The tone peaks near -18 dBFS.
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 15_000 })
      .toBeGreaterThan(-30);
    const encoders = encoderPids(studio);
    expect(encoders).toHaveLength(1);

    const toggle = page.getByTestId('mute-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await page.locator('body').press('m');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(toggle).toContainText('已静音');
    await expect(page.getByTestId('audio-bar')).toHaveAttribute('data-muted', 'true');
    // Muted for viewers, yet the meter still shows the microphone.
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 })
      .toBeGreaterThan(-30);
    expect(encoderPids(studio)).toEqual(encoders);

    await expect
      .poll(() => withApi(studio, async (api) => (await api.call('stream.state', {})).audio?.muted))
      .toBe(true);

    // M again: unmuted.
    await page.locator('body').press('m');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect
      .poll(() => withApi(studio, async (api) => (await api.call('stream.state', {})).audio?.muted))
      .toBe(false);
    expect(encoderPids(studio)).toEqual(encoders);
    await stopShow(page);
    await expect(page.getByTestId('audio-bar')).toHaveCount(0);
  });
});
