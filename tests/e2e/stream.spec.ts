// 直播 through the UI, against a real RTMP ingest (nginx with the RTMP module on loopback) and the real ffmpeg:
// choose the test pattern and a small bitrate, add a destination (server address and key typed separately, the key
// never shown again), go live from the keyboard, watch the preview move and the health numbers, end the show and
// find the recording. A key the platform refuses: the countdown, then "key rejected" with Reconnect now, and a new
// key typed mid-show. And a camera lost mid-show: the stand-in banner, the show going on, the switch back.
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import {
  arrangeTestPattern,
  encoderPids,
  expectPreviewMoving,
  goLiveWithTestPattern,
  openStream,
  requireStreamingTools,
  previewPixels,
  splitUrl,
  stopShow,
  withApi,
  withRtmp,
} from './stream-helpers.ts';

test.beforeEach(() => requireStreamingTools('streaming'));

test('goes live with the test pattern to a real ingest: preview moves, health numbers, the key never shown; stop', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({}, async (rtmp) => {
    const { server, key } = splitUrl(rtmp.url('lc-e2e-7c21f9a3'));
    await openStream(page, studio);

    // The encoder panel found ffmpeg.
    await expect(page.getByTestId('ffmpeg-version')).not.toBeEmpty({ timeout: 20_000 });

    // Source and video: the test pattern, 720p, a low bitrate (saved when the field is left).
    await page.getByRole('radio', { name: /测试画面/ }).check();
    await page.getByRole('button', { name: /720p 横屏/ }).click();
    await expect(page.getByRole('button', { name: /720p 横屏/ })).toHaveAttribute('aria-pressed', 'true');
    const bitrate = page.getByLabel('视频码率（kbps）');
    await bitrate.fill('100');
    await bitrate.press('Enter');
    await expect(page.getByText('码率应为 300–20000 之间的整数')).toBeVisible();
    await bitrate.fill('800');
    await bitrate.press('Enter');
    await expect
      .poll(() => withApi(studio, async (api) => (await api.call('stream.state', {})).settings), { timeout: 5_000 })
      .toMatchObject({ source: { kind: 'test-pattern' }, preset: '720p', videoKbps: 800 });

    // A destination: platform, name, server address and key typed separately.
    await page.getByRole('button', { name: '添加推流目标' }).click();
    const editor = page.getByRole('dialog', { name: '添加推流目标' });
    await editor.getByLabel('平台').selectOption({ label: '抖音' });
    await expect(editor.getByLabel('名称')).toHaveValue('抖音');
    await editor.getByLabel('平台').selectOption({ label: 'YouTube' });
    await expect(editor.getByLabel('推流地址（服务器）')).toHaveValue('rtmps://a.rtmps.youtube.com/live2');
    await editor.getByLabel('平台').selectOption({ label: '自定义 RTMP(S)' });
    await expect(editor.getByLabel('推流地址（服务器）')).toHaveValue('');
    await editor.getByLabel('名称').fill('测试收流');
    await editor.getByLabel('推流地址（服务器）').fill(server);
    const keyInput = editor.getByLabel('推流密钥（串流密钥）');
    await keyInput.fill(key);
    await expect(keyInput).toHaveAttribute('type', 'password');
    await editor.getByRole('button', { name: '显示' }).click();
    await expect(keyInput).toHaveAttribute('type', 'text');
    await editor.getByRole('button', { name: '隐藏' }).click();
    await expect(keyInput).toHaveAttribute('type', 'password');
    await editor.getByRole('button', { name: '保存' }).click();
    await expect(editor).toBeHidden();

    const card = page.getByTestId('destination').filter({ hasText: '测试收流' });
    await expect(card.getByTestId('destination-url')).toHaveText(`${server}/••••`);
    await expect(card).toContainText('密钥已保存');
    await expect(card.getByRole('switch', { name: '启用' })).toHaveAttribute('aria-checked', 'true');
    expect(await page.content()).not.toContain(key);

    // Editing never shows the key back: the field is empty, and saving it empty keeps the saved key.
    await card.getByRole('button', { name: '编辑“测试收流”' }).click();
    const edit = page.getByRole('dialog', { name: '编辑推流目标' });
    await expect(edit.getByLabel('推流密钥（串流密钥）')).toHaveValue('');
    await expect(edit.getByLabel('推流地址（服务器）')).toHaveValue(server);
    await expect(edit).toContainText('留空则保留已保存的密钥');
    await edit.getByLabel('名称').fill('测试收流 1');
    await edit.getByRole('button', { name: '保存' }).click();
    await expect(edit).toBeHidden();
    const liveCard = page.getByTestId('destination').filter({ hasText: '测试收流 1' });
    await expect(liveCard).toContainText('密钥已保存');

    // Go live from the keyboard.
    const goLive = page.getByRole('button', { name: '开播', exact: true });
    await goLive.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await rtmp.waitForPublish(key, 15_000);
    const status = liveCard.getByTestId('destination-status');
    await expect(status).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expect(page.getByTestId('live-badge')).toHaveText(/LIVE\s*00:0\d:\d\d/);

    // The preview moves: new frames, new pixels.
    const preview = page.getByTestId('preview-image');
    await expect(preview).toBeVisible({ timeout: 10_000 });
    const first = await previewPixels(page);
    await expect
      .poll(async () => (await previewPixels(page)).frame, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(first.frame + 2);
    const later = await previewPixels(page);
    expect(later.src).not.toBe(first.src);
    expect(later.pixels).not.toBe(first.pixels);

    // Health numbers.
    const health = page.getByTestId('stream-health');
    await expect(health).toBeVisible();
    await expect
      .poll(async () => parseFloat((await page.getByTestId('health-fps').textContent()) ?? '0'), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await liveCard.getByTestId('destination-kbps').getAttribute('data-kbps')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => parseFloat((await page.getByTestId('health-bitrate').textContent())?.replace(/,/g, '') ?? '0'))
      .toBeGreaterThan(0);
    await expect(page.getByTestId('health-uptime')).toHaveText(/^00:0\d:\d\d$/);
    // Software encoding where the hardware failed its trial (this machine has no GPU): said in Chinese, ffmpeg's
    // English only as the labelled technical detail.
    const fallback = page.getByTestId('encoder-fallback');
    if ((await fallback.count()) > 0) {
      await fallback.locator('summary').click();
      await expect(fallback).toContainText(/硬件编码器（.+）试编码失败|不带硬件 H\.264 编码器/);
      await expect(fallback.locator('p').first()).not.toContainText(/Cannot|Error|failed/);
    }
    await expect(page.getByTestId('health-cpu')).toHaveText(/^\d+%$/, { timeout: 10_000 });
    await expect(page.getByTestId('health-speed')).toHaveText(/^\d+\.\d\d×$/);
    await expect(page.getByTestId('health-dropped')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('recording-now')).toContainText('.mp4');

    // Settings wait for the show; a destination being streamed to keeps its switch.
    await expect(page.getByRole('button', { name: /1080p 横屏/ })).toBeDisabled();
    await expect(liveCard.getByRole('switch', { name: '启用' })).toBeDisabled();

    // The key is nowhere in the page, live either.
    expect(await page.content()).not.toContain(key);
    expect(await page.locator('body').innerText()).not.toContain(key);

    await stopShow(page);
    const recording = page.getByTestId('recording-file');
    await expect(recording).toContainText('本场直播已录制保存');
    const file = (await recording.locator('.mono').textContent())!.trim();
    expect(file).toMatch(/recordings[\\/].+\.mp4$/);
    expect(existsSync(file)).toBe(true);
    await expect(preview).toHaveCount(0);
    await expect(page.getByTestId('stream-preview')).toContainText('开播后这里显示正在推流的画面');
  });
});

test('a destination switched off and on, an address the core refuses shown on its field, removed after asking', async ({
  page,
  studio,
}) => {
  await withApi(studio, (api) =>
    api.call('stream.saveDestination', {
      input: {
        name: '备用收流',
        platform: 'custom',
        serverUrl: 'rtmp://127.0.0.1:1935/live',
        streamKey: 'lc-e2e-spare',
      },
    }),
  );
  await openStream(page, studio);
  const card = page.getByTestId('destination').filter({ hasText: '备用收流' });
  const enabled = card.getByRole('switch', { name: '启用' });
  await enabled.click();
  await expect(enabled).toHaveAttribute('aria-checked', 'false');
  await expect(card).toHaveClass(/is-off/);
  await enabled.click();
  await expect(enabled).toHaveAttribute('aria-checked', 'true');

  // The core's refusal goes under its field, and the editor stays open with what was typed.
  await card.getByRole('button', { name: '编辑“备用收流”' }).click();
  const edit = page.getByRole('dialog', { name: '编辑推流目标' });
  await edit.getByLabel('推流地址（服务器）').fill('rtmp://host:secret@127.0.0.1/live');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit.getByText('服务器地址里不能包含用户名和密码')).toBeVisible();
  await expect(edit.getByText('请修正标出的内容后再保存')).toBeVisible();
  await edit.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(edit).toBeHidden();

  await card.getByRole('button', { name: '删除“备用收流”' }).click();
  await page.getByRole('dialog', { name: '删除推流目标“备用收流”？' }).getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('已删除“备用收流”')).toBeVisible();
  await expect(card).toHaveCount(0);
});

test('a refused stream key: the countdown, "key rejected", Reconnect now, then a new key mid-show; an empty plan is refused', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({ rejectKeys: ['bad'] }, async (rtmp) => {
    await openStream(page, studio);

    // Nothing to do: recording off and no destination. The refusal says why, right under the button.
    await page.getByRole('switch', { name: /本地录制/ }).click();
    await expect(page.getByRole('switch', { name: /本地录制/ })).toHaveAttribute('aria-checked', 'false');
    await page.getByRole('button', { name: '开播', exact: true }).click();
    const refusal = page.getByTestId('go-live-refusal');
    await expect(refusal).toContainText('无法开播');
    await expect(refusal).toContainText('没有启用的推流目标，也没有开启本地录制');

    // A destination with the key the ingest refuses, and one it takes (arranged through the protocol; the form is
    // tested above).
    const { server } = splitUrl(rtmp.url('bad'));
    const backupKey = 'lc-e2e-backup-51d0';
    await withApi(studio, async (api) => {
      await arrangeTestPattern(api, false);
      await api.call('stream.saveDestination', {
        input: { name: '旧密钥', platform: 'custom', serverUrl: server, streamKey: 'bad', enabled: true },
      });
      await api.call('stream.saveDestination', {
        input: { name: '备用线路', platform: 'custom', serverUrl: server, streamKey: backupKey, enabled: true },
      });
    });
    const card = page.getByTestId('destination').filter({ hasText: '旧密钥' });
    await expect(card).toBeVisible();
    const backup = page.getByTestId('destination').filter({ hasText: '备用线路' });

    await page.getByRole('button', { name: '开播', exact: true }).click();
    await expect(refusal).toHaveCount(0);
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const status = card.getByTestId('destination-status');

    // Between refusals: OBS's "reconnecting in N s (attempt K)", with the reason in words.
    await expect(card.getByTestId('reconnect-countdown')).toHaveText(/^\d+ 秒后重连（第 \d+ 次）$/, {
      timeout: 15_000,
    });
    await expect(card.getByRole('button', { name: '立即重连' })).toBeVisible();

    // Refused again and again: key rejected, what to do, and the way to try again.
    await expect(status).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(status).toContainText('推流密钥被拒绝');
    await expect(card.getByTestId('destination-reason')).toContainText('请在平台后台复制新的推流地址和密钥');
    await expect(card.getByTestId('destination-reason')).toContainText('有了新密钥就点“更换密钥”，直播不中断');
    const tries = rtmp.publishes.filter((k) => k === 'bad').length;
    expect(tries).toBeGreaterThanOrEqual(3);
    await card.getByRole('button', { name: '立即重连' }).click();
    await rtmp.waitForPublish('bad', 10_000, tries + 1);

    // A live destination keeps its key: nothing to replace there, and its editor changes the name only.
    await expect(backup.getByTestId('destination-status')).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expect(backup.getByRole('button', { name: /更换密钥/ })).toHaveCount(0);
    await backup.getByRole('button', { name: '编辑“备用线路”' }).click();
    const liveEdit = page.getByRole('dialog', { name: '编辑推流目标' });
    await expect(liveEdit).toContainText('正在推流到这里：本场直播结束前只能修改名称。');
    await expect(liveEdit.getByLabel('推流密钥（串流密钥）')).toBeDisabled();
    await expect(liveEdit.getByLabel('推流地址（服务器）')).toBeDisabled();
    await liveEdit.getByRole('button', { name: '取消' }).click();
    await expect(liveEdit).toBeHidden();

    // The new key from the platform, typed mid-show: only that destination starts again, the show goes on.
    // (Pressed while it is trying the old key again: any phase but live takes a new one.)
    await card.getByRole('button', { name: '更换密钥：旧密钥' }).click();
    const replace = page.getByRole('dialog', { name: '更换推流密钥' });
    const newKey = 'lc-e2e-fresh-8e4b2c';
    const keyField = replace.getByLabel('推流密钥（串流密钥）');
    await expect(keyField).toBeFocused();
    await expect(keyField).toHaveAttribute('type', 'password');
    await expect(replace).toContainText('保存后立即用它重新连接，直播不中断');
    await expect(replace.getByLabel('推流地址（服务器）')).toHaveValue(server);
    await expect(replace.getByLabel('推流地址（服务器）')).toBeEnabled();
    await expect(replace.getByLabel('平台')).toBeDisabled();
    await expect(replace.getByRole('switch', { name: /开播时推流到这里/ })).toBeDisabled();
    await keyField.press('Enter'); // nothing typed yet: it asks for the key
    await expect(replace).toContainText('请填写新的推流密钥');
    await keyField.fill(newKey);
    await keyField.press('Enter');
    await expect(replace).toBeHidden();
    await rtmp.waitForPublish(newKey, 15_000);
    await expect(status).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expect(card.getByTestId('destination-reason')).toHaveCount(0);
    await expect(card.getByRole('button', { name: /更换密钥/ })).toHaveCount(0);
    await expect(backup.getByTestId('destination-status')).toHaveAttribute('data-phase', 'live');
    expect(rtmp.publishes.filter((k) => k === backupKey)).toHaveLength(1); // the other one was never touched

    // The keys are nowhere in the page.
    for (const secret of [newKey, backupKey]) {
      expect(await page.content()).not.toContain(secret);
      expect(await page.locator('body').innerText()).not.toContain(secret);
    }

    // The show itself kept going all along.
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live');
    await stopShow(page);
    await expect(page.getByTestId('recording-file')).toHaveCount(0); // recording was off
  });
});

test('a lost camera: the show goes on with the test pattern, a banner says so, and the source switches back', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({}, async (rtmp) => {
    const key = 'lc-e2e-camera-3f90';
    await goLiveWithTestPattern(page, studio, rtmp, key);
    const phase = page.getByTestId('stream-phase');
    await rtmp.waitForPublish(key, 15_000);
    const status = page.getByTestId('destination').filter({ hasText: '测试收流' }).getByTestId('destination-status');
    await expect(status).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expectPreviewMoving(page);
    const banner = page.getByTestId('source-lost');
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('standin-badge')).toHaveCount(0);

    // The capture dies (a camera unplugged): the encoder's ffmpeg is killed, that one process only.
    const encoders = encoderPids(studio);
    expect(encoders).toHaveLength(1);
    process.kill(encoders[0]!, 'SIGKILL');

    // The banner, as an alert: what happened and when, what viewers see, and the way back to the chosen source
    // (the test pattern here: "the picture source").
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toHaveAttribute('data-reason', 'exited');
    const alert = banner.getByRole('alert');
    await expect(alert).toHaveText(
      /^画面源中断（画面源已断开，\d\d:\d\d:\d\d），直播仍在继续，观众正在看测试画面（无声音）。$/,
    );
    await expect(page.getByTestId('standin-badge')).toHaveText('替补：测试画面');

    // The show did not end: still live, the destination still (or again) live, the preview still moving.
    await expect(phase).toHaveAttribute('data-phase', 'live');
    await expect(status).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expectPreviewMoving(page);
    await expect(phase).toHaveAttribute('data-phase', 'live');

    // The host at the live console sees it too, with the same way back.
    const session = await withApi(studio, (api) => api.call('live.createSession', { input: { title: '今晚' } }));
    await page.evaluate((hash) => (window.location.hash = hash), `#/live/${session.id}`);
    const notice = page.getByTestId('source-lost-console');
    await expect(notice.getByRole('alert')).toHaveText('画面源中断：直播仍在继续，观众正在看测试画面（无声音）');
    await expect(notice.getByRole('button', { name: '切回画面源' })).toBeVisible();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '直播', exact: true }).click();

    // Switch back: the chosen source (the test pattern, which works) takes over again; the banner goes.
    const restore = banner.getByRole('button', { name: '切回画面源' });
    await restore.focus();
    await page.keyboard.press('Enter');
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('standin-badge')).toHaveCount(0);
    await expect(page.getByText('已切回画面源')).toBeVisible();
    await expect(phase).toHaveAttribute('data-phase', 'live');
    await expect(status).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expect.poll(() => encoderPids(studio).length, { timeout: 10_000 }).toBe(1); // the stand-in is gone
    await expectPreviewMoving(page);

    expect(await page.content()).not.toContain(key);
    await stopShow(page);
  });
});

test('one 开播 for the show: the console starts the session and its stream, LIVE on every screen, 下播 stops both', async ({
  page,
  studio,
  seedProducts,
}) => {
  test.setTimeout(120_000);
  await withRtmp({}, async (rtmp) => {
    const { server, key } = splitUrl(rtmp.url('lc-e2e-show-51d0'));
    await seedProducts([{ title: '福鼎白茶 寿眉', priceFen: 3990, stock: 20 }]);
    const session = await withApi(studio, async (api) => {
      await arrangeTestPattern(api, false);
      await api.call('stream.saveDestination', {
        input: { name: '视频号', platform: 'custom', serverUrl: server, streamKey: key, enabled: true },
      });
      const { items } = await api.call('catalog.list', {});
      const created = await api.call('live.createSession', { input: { title: '秋茶专场' } });
      await api.call('live.bagAdd', { sessionId: created.id, productId: items[0]!.id });
      return created;
    });
    await page.goto(studio.url);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
    await page.getByRole('link', { name: '直播中控' }).click();
    await page.getByRole('link', { name: '秋茶专场', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/live/${session.id}$`));

    // No planned time and a destination: no question. The stream starts, then the session.
    await page.getByRole('button', { name: '开播', exact: true }).click();
    await expect(page.locator('.console-header .session-state')).toHaveText('直播中', { timeout: 30_000 });
    await rtmp.waitForPublish(key, 15_000);
    const status = page.getByTestId('show-status');
    await expect(status).toContainText('LIVE');
    await expect(status).toContainText('秋茶专场');
    await expect(status.getByTestId('show-status-dot')).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    // The console shows the stream's state.
    await expect(page.getByTestId('console-destination')).toHaveAttribute('data-phase', 'live');
    await expect(page.getByTestId('console-stream')).toBeVisible();

    // Every screen says LIVE; the stream screen names the show; 直播中控 opens the running show.
    await page.getByRole('link', { name: '商品库' }).click();
    await expect(status).toContainText('LIVE');
    await page.getByRole('link', { name: '直播', exact: true }).click();
    await expect(page.getByTestId('stream-show')).toContainText('秋茶专场');
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live');
    await page.getByRole('link', { name: '直播中控' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '秋茶专场' })).toBeVisible();

    // 下播 asks, saying the stream stops too, then ends both.
    await page.getByRole('button', { name: '结束直播' }).click();
    const dialog = page.getByRole('dialog', { name: '结束这场直播？' });
    await expect(dialog).toContainText('推流也会一起停止');
    await dialog.getByRole('button', { name: '结束直播' }).click();
    await expect(page.locator('.console-header .session-state')).toHaveText('已结束');
    await expect(status).toHaveCount(0);
    await expect
      .poll(() => withApi(studio, async (api) => (await api.call('stream.state', {})).phase), { timeout: 30_000 })
      .toBe('idle');
  });
});
