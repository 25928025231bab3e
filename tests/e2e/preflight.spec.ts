// 开播前检查 through the UI, against a real nginx-rtmp on loopback reached directly and through a throttled line, with
// the real ffmpeg making the test clip: the slow line is reported as unable to carry the bitrate, the fast one as
// fine, the camera the host chose (and has since unplugged) as missing — each on its own line, in Chinese.
import { startThrottleProxy } from '../support/throttle-proxy.ts';
import { expect, test } from './fixtures.ts';
import { openStream, requireStreamingTools, splitUrl, withApi, withRtmp } from './stream-helpers.ts';

test.beforeEach(() => requireStreamingTools('the pre-flight check'));

/** Well below the ~1,328 kbit/s the show below needs, so even a busy machine cannot make it look fast enough. */
const SLOW_LINE_KBPS = 300;

test('pre-flight: a throttled ingest is too slow, the direct one fine, a missing camera named', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({}, async (rtmp) => {
    const proxy = await startThrottleProxy(rtmp.port, SLOW_LINE_KBPS);
    try {
      const direct = splitUrl(rtmp.url('lc-e2e-preflight-fast'));
      const slowKey = 'lc-e2e-preflight-slow';
      const { fast, slow } = await withApi(studio, async (api) => {
        const { settings } = await api.call('stream.state', {});
        await api.call('stream.saveSettings', {
          settings: {
            ...settings,
            preset: '720p',
            videoKbps: 1200,
            source: { kind: 'device', video: '/dev/video97', audio: null },
          },
        });
        const save = (name: string, serverUrl: string, streamKey: string) =>
          api.call('stream.saveDestination', { input: { name, platform: 'custom', serverUrl, streamKey } });
        return {
          fast: await save('直连收流', direct.server, direct.key),
          slow: await save('慢速线路', `rtmp://127.0.0.1:${proxy.port}/live`, slowKey),
        };
      });
      await openStream(page, studio);

      const panel = page.getByTestId('preflight');
      await expect(panel.getByText('还没有检查过。')).toBeVisible();
      await expect(panel.getByText(/推送约 5 秒测试画面/)).toBeVisible();
      // From the keyboard.
      await panel.getByTestId('preflight-run').focus();
      await page.keyboard.press('Enter');

      const summary = panel.getByTestId('preflight-summary');
      await expect(summary).toHaveAttribute('data-level', 'fail', { timeout: 60_000 });
      await expect(summary).toHaveText('有问题：开播前请先处理');

      const devices = panel.getByTestId('preflight-devices');
      await expect(devices).toHaveAttribute('data-level', 'fail');
      await expect(devices).toContainText('找不到：摄像头 /dev/video97');
      // (ok here; a CI disk with under 5 GB free says "warn" — the line's words are checked either way)
      await expect(panel.getByTestId('preflight-disk')).toHaveAttribute('data-level', /^(ok|warn)$/);
      await expect(panel.getByTestId('preflight-disk')).toContainText(/剩余 .+，约可录制 [\d,]+ 分钟/);

      const fastLine = panel.getByTestId(`preflight-dest-${fast.id}`);
      await expect(fastLine).toHaveAttribute('data-level', 'ok');
      await expect(fastLine).toContainText('直连收流');
      await expect(fastLine).toContainText(/已连通，(至少|实测) [\d,]+ kbps/);

      const slowLine = panel.getByTestId(`preflight-dest-${slow.id}`);
      await expect(slowLine).toHaveAttribute('data-level', 'fail');
      await expect(slowLine).toContainText('慢速线路');
      await expect(slowLine).toContainText('上传跟不上码率');
      await expect(panel.getByTestId('preflight-upload')).toContainText('码率 × 2 个目标');

      // Both ingests were really pushed to; the key appears nowhere on the page.
      expect(rtmp.publishes).toEqual(expect.arrayContaining([direct.key, slowKey]));
      expect(proxy.forwarded).toBeGreaterThan(0);
      expect(await page.content()).not.toContain(direct.key);

      // Plug the "camera" back (the test pattern) and check again: the devices line turns green.
      await withApi(studio, async (api) => {
        const { settings } = await api.call('stream.state', {});
        await api.call('stream.saveSettings', { settings: { ...settings, source: { kind: 'test-pattern' } } });
      });
      await panel.getByRole('button', { name: '再检查一次' }).click();
      await expect(devices).toHaveAttribute('data-level', 'ok', { timeout: 60_000 });
      await expect(devices).toContainText('使用测试画面');
      await expect(summary).toHaveAttribute('data-level', 'fail', { timeout: 60_000 });
    } finally {
      await proxy.close();
    }
  });
});
