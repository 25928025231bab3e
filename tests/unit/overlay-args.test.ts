// The overlay in the encoder's command line: composited after the scale, before the encode and the preview, read
// again from its file; the ticker drawn by drawtext at the band's place; and any path quoted so ffmpeg's two
// filtergraph parsers give it back unchanged (checked with the real ffmpeg).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { encoderArgs, filterValue, type EncoderOverlay } from '../../electron/core/stream/engine/encoder-args.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

const settings = {
  width: 1280,
  height: 720,
  fps: 30,
  videoKbps: 2500,
  audioKbps: 128,
  encoder: 'libx264',
  preset: 'veryfast',
  lowLatency: false,
};
const overlay: EncoderOverlay = {
  imagePath: '/data/overlay/overlay-1-1280x720.yuva',
  ticker: { textPath: '/data/overlay/t.txt', fontPath: '/fonts/Bold.ttf', middle: 698, fontSize: 26, speed: 120 },
};

test('with an overlay: its picture is an input read again each frame, composited before the encode and the preview', () => {
  const args = encoderArgs({ kind: 'test-pattern' }, settings, { preview: true, overlay });
  const at = args.indexOf(overlay.imagePath);
  assert.deepEqual(args.slice(at - 18, at + 1), [
    ...['-re', '-f', 'image2', '-pattern_type', 'none', '-loop', '1', '-framerate', '30'],
    ...['-c:v', 'rawvideo', '-pixel_format', 'yuva420p', '-video_size', '1280x720'],
    ...['-thread_queue_size', '1', '-i', overlay.imagePath],
  ]);
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.match(graph, /^\[0:v:0\]scale=1280:720:[^;]*\[base\];\[base\]\[2:v\]overlay=/);
  assert.match(graph, /overlay=format=yuv420:eof_action=repeat,drawtext=/, 'the ticker is drawn over the overlay');
  assert.match(graph, /split=2\[out\]\[shown\];\[shown\]fps=10,scale=/, 'the preview is taken after the overlay');
  // With low-latency encoding the preview leaves ffmpeg at the stream's rate (thinning there delays the stream).
  const quick = encoderArgs({ kind: 'test-pattern' }, { ...settings, lowLatency: true }, { preview: true, overlay });
  assert.match(quick[quick.indexOf('-filter_complex') + 1]!, /\[shown\]scale=/);
  assert.deepEqual(
    args.filter((a, i) => args[i - 1] === '-map'),
    ['[out]', '1:a:0', '[preview]'],
  );
  assert.ok(!args.includes('-vf'), 'no simple filter beside the graph');
});

test('the ticker: the text file read every frame, % kept, scrolled right to left at its speed, centred on its band', () => {
  const graph = encoderArgs({ kind: 'test-pattern' }, settings, { preview: false, overlay }).find((a) =>
    a.includes('drawtext'),
  )!;
  const drawtext = graph.slice(graph.indexOf('drawtext='), graph.lastIndexOf('[out]'));
  assert.ok(drawtext.includes(`textfile='/data/overlay/t.txt'`));
  assert.ok(drawtext.includes('reload=1:expansion=none:fontsize=26:fontcolor=white'));
  assert.ok(drawtext.includes('x=w-mod(t*120\\,w+tw)'), drawtext);
  assert.ok(drawtext.includes('y=698-(ascent-descent)/2'));
});

test('without drawtext the graph has no ticker filter; without an overlay the command is as before', () => {
  const noTicker = encoderArgs({ kind: 'test-pattern' }, settings, {
    preview: false,
    overlay: { ...overlay, ticker: null },
  });
  assert.ok(!noTicker.join(' ').includes('drawtext'));
  const bare = encoderArgs({ kind: 'test-pattern' }, settings, { preview: false });
  assert.ok(!bare.includes('-filter_complex') && bare.includes('-vf'));
  assert.equal(bare.filter((a) => a === '-i').length, 2);
});

test("filterValue quotes for both parsers: the real ffmpeg opens a font and a text file at paths full of : ' , [ ; %", (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  assert.equal(filterValue('C:\\fonts\\a.ttf'), `'C\\:\\\\fonts\\\\a.ttf'`);
  const dir = path.join(tempDir(), `it's [a]; b,c: 100%`);
  fs.mkdirSync(dir);
  const font = path.join(dir, 'font: bold.ttf');
  fs.copyFileSync(path.resolve(import.meta.dirname, '../../resources/fonts/NotoSansSC-Bold.ttf'), font);
  const text = path.join(dir, "ticker's.txt");
  fs.writeFileSync(text, '包邮 100%');
  const filter = `drawtext=fontfile=${filterValue(font)}:textfile=${filterValue(text)}:expansion=none:fontsize=20:fontcolor=white`;
  const run = spawnSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=black:size=160x40'],
    ...[
      '-filter_complex',
      `[0:v]${filter}[v]`,
      '-map',
      '[v]',
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      'pipe:1',
    ],
  ]);
  assert.equal(run.status, 0, run.stderr.toString());
  // The words were drawn: some pixels of the black frame are lit.
  assert.ok(
    [...run.stdout].some((v) => v > 128),
    'drawtext drew the text from the file',
  );
});
