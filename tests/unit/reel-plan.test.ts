// The long video's choice, chapters and description; what ffmpeg says a recording's streams are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClipPlan } from '../../electron/core/clips/clip-plan.ts';
import { parseMediaFormat, sameFormat } from '../../electron/core/clips/media-format.ts';
import { chapterTime, chooseReel, reelChapters, reelDescription } from '../../electron/core/clips/reel-plan.ts';

const plan = (id: number, linkNo: number, title: string, ms: number, over: Partial<ClipPlan> = {}): ClipPlan => ({
  segmentIds: [id],
  productId: 100 + linkNo,
  linkNo,
  title,
  startedAt: id * 1000,
  pieces: ms > 0 ? [{ recordingId: 1, file: '/r.mp4', fromMs: id * 60_000, toMs: id * 60_000 + ms }] : [],
  missing: [],
  waiting: false,
  ...over,
});

test('a reel: every recorded explanation in show order, or the chosen ones in the chosen order', () => {
  const plans = [plan(1, 1, '白茶', 90_000), plan(2, 2, '岩茶', 0), plan(3, 3, '普洱', 30_000, { waiting: true })];
  const all = chooseReel(plans);
  assert.deepEqual(
    all.parts.map((p) => p.plan.linkNo),
    [1],
  );
  assert.deepEqual(
    all.unrecorded.map((p) => p.linkNo),
    [2, 3],
    'not recorded, or still being written: left out and said',
  );
  assert.equal(all.totalMs, 90_000);
  const more = [plan(1, 1, '白茶', 90_000), plan(4, 4, '大米', 30_000), plan(5, 5, '枸杞', 45_000)];
  const chosen = chooseReel(more, [5, 1, 5]);
  assert.deepEqual(
    chosen.parts.map((p) => p.plan.linkNo),
    [5, 1],
    'in the order given, each once',
  );
  assert.equal(chosen.totalMs, 135_000);
});

test('chapters start where each part came out, written mm:ss; links once per product, a mini-program said so', () => {
  const parts = chooseReel([plan(1, 1, '白茶', 90_000), plan(2, 2, '岩茶', 60_000), plan(3, 1, '白茶', 10_000)]).parts;
  const chapters = reelChapters(parts, [91_500, 61_000, 10_000]);
  assert.deepEqual(
    chapters.map((c) => [c.atMs, c.linkNo]),
    [
      [0, 1],
      [91_500, 2],
      [152_500, 1],
    ],
  );
  const links: Record<number, { link: string | null; kind: 'url' | 'miniprogram' | 'article' | null }> = {
    101: { link: 'https://shop.example.com/a', kind: 'url' },
    102: { link: 'pages/goods/detail?id=8', kind: 'miniprogram' },
  };
  assert.equal(
    reelDescription(chapters, (id) => links[id] ?? null, 'zh-CN'),
    [
      '00:00 1号 白茶',
      '01:31 2号 岩茶',
      '02:32 1号 白茶',
      '',
      '商品链接',
      '1号 白茶：https://shop.example.com/a',
      '2号 岩茶：（小程序页面）pages/goods/detail?id=8',
      '',
    ].join('\n'),
  );
  assert.match(
    reelDescription(chapters, () => null, 'en'),
    /^00:00 No\. 1 白茶\n01:31 No\. 2 岩茶\n02:32 No\. 1 白茶\n$/,
  );
  assert.equal(chapterTime(3_725_000), '1:02:05');
});

test('a recording’s streams as ffmpeg reports them; files join copied only when they agree', () => {
  const report = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':
  Duration: 01:00:00.00, start: 0.000000, bitrate: 1637 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1280x720 [SAR 1:1 DAR 16:9], 1501 kb/s, 30 fps, 30 tbr, 15360 tbn (default)
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)`;
  const format = parseMediaFormat(report);
  assert.deepEqual(format, {
    video: { codec: 'h264 (High)', pixFmt: 'yuv420p', width: 1280, height: 720, fps: '30' },
    audio: { codec: 'aac (LC)', rate: 48000, layout: 'stereo' },
  });
  // The bitrate differs between any two files: it does not count.
  const other = parseMediaFormat(report.replace('1501 kb/s', '2400 kb/s'));
  assert.equal(sameFormat([format, other]), true);
  assert.equal(sameFormat([format, parseMediaFormat(report.replace('1280x720', '720x1280'))]), false);
  assert.equal(sameFormat([format, parseMediaFormat(report.replace('48000 Hz', '44100 Hz'))]), false);
  assert.equal(sameFormat([format, parseMediaFormat(report.replace('h264 (High)', 'h264 (Main)'))]), false);
  assert.deepEqual(parseMediaFormat('not media'), { video: null, audio: null });
});
