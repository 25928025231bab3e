// The overlay in the encoder's command line: its atlas read again from its file, cut into slots laid over the picture
// after the scale, before the encode and the preview; the ticker drawn by drawtext in the band's slot; the moves as
// commands; and any path quoted so ffmpeg's two filtergraph parsers give it back unchanged (checked with real ffmpeg).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  encoderArgs,
  filterValue,
  moveCommands,
  type EncoderOverlay,
} from '../../electron/core/stream/engine/encoder-args.ts';
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
const shape: EncoderOverlay = {
  imagePath: '/data/overlay/overlay-1-1280x720.yuva',
  atlas: { width: 1280, height: 240 },
  slots: [
    { name: 'card', x: 0, y: 0, width: 500, height: 196 },
    { name: 'ticker', x: 0, y: 196, width: 1280, height: 44 },
  ],
  ticker: {
    textPath: '/data/overlay/t.txt',
    fontPath: '/fonts/Bold.ttf',
    slot: 'ticker',
    middle: 22,
    fontSize: 26,
    speed: 120,
  },
};
const places = { card: { x: 24, y: 468 }, ticker: { x: 0, y: 676 } };
const overlay = { shape, places };

test('with an overlay: the atlas is an input read again each frame, cut into its slots, each laid at its place before the encode and the preview', () => {
  const args = encoderArgs({ kind: 'test-pattern' }, settings, { preview: true, overlay });
  const at = args.indexOf(shape.imagePath);
  assert.deepEqual(args.slice(at - 18, at + 1), [
    ...['-re', '-f', 'image2', '-pattern_type', 'none', '-loop', '1', '-framerate', '30'],
    ...['-c:v', 'rawvideo', '-pixel_format', 'yuva420p', '-video_size', '1280x240'],
    ...['-thread_queue_size', '1', '-i', shape.imagePath],
  ]);
  const graph = args[args.indexOf('-filter_complex') + 1]!.split(';');
  assert.match(graph[0]!, /^\[0:v:0\]scale=1280:720:.*\[base\]$/);
  assert.equal(graph[1], '[2:v]split=2[slot0][slot1]');
  assert.equal(graph[2], '[slot0]crop=500:196:0:0[cut0]');
  assert.equal(graph[3], '[base][cut0]overlay@card=x=24:y=468:format=yuv420:eof_action=repeat:threads=1[under0]');
  assert.match(graph[4]!, /^\[slot1\]crop=1280:44:0:196,drawtext=.*\[cut1\]$/, 'the words are drawn in the band');
  assert.equal(
    graph[5],
    '[under0][cut1]overlay@ticker=x=0:y=676:format=yuv420:eof_action=repeat:threads=1[composited]',
  );
  assert.equal(graph[6], '[composited]split=2[out][shown]', 'the preview is taken after the overlay');
  assert.match(graph[7]!, /^\[shown\]fps=10,scale=/);
  // With low-latency encoding the preview leaves ffmpeg at the stream's rate (thinning there delays the stream).
  const quick = encoderArgs({ kind: 'test-pattern' }, { ...settings, lowLatency: true }, { preview: true, overlay });
  assert.match(quick[quick.indexOf('-filter_complex') + 1]!, /\[shown\]scale=/);
  assert.deepEqual(
    args.filter((a, i) => args[i - 1] === '-map'),
    ['[out]', '1:a:0', '[preview]'],
  );
  assert.ok(!args.includes('-vf'), 'no simple filter beside the graph');
  assert.ok(!args.includes('-nostdin'), 'stdin carries the moves');
});

test('moving slots: a command per changed coordinate, aimed at the slot’s own overlay filter', () => {
  assert.deepEqual(moveCommands(places, { card: { x: 756, y: 468 }, ticker: { x: 0, y: 0 } }), [
    'overlay@card -1 x 756',
    'overlay@ticker -1 y 0',
  ]);
  assert.deepEqual(moveCommands(places, places), []);
});

test('the ticker: the text file read every frame, % kept, scrolled right to left at its speed, centred on its band', () => {
  const graph = encoderArgs({ kind: 'test-pattern' }, settings, { preview: false, overlay }).find((a) =>
    a.includes('drawtext'),
  )!;
  const drawtext = graph.slice(graph.indexOf('drawtext='), graph.indexOf('[cut1]'));
  assert.ok(drawtext.includes(`textfile='/data/overlay/t.txt'`));
  assert.ok(drawtext.includes('reload=1:expansion=none:fontsize=26:fontcolor=white'));
  assert.ok(drawtext.includes('x=w-mod(t*120\\,w+tw)'), drawtext);
  assert.ok(drawtext.includes('y=22-(ascent-descent)/2'));
});

test('without drawtext the graph has no ticker filter; without an overlay the command is as before', () => {
  const noTicker = encoderArgs({ kind: 'test-pattern' }, settings, {
    preview: false,
    overlay: { shape: { ...shape, ticker: null }, places },
  });
  assert.ok(!noTicker.join(' ').includes('drawtext'));
  const bare = encoderArgs({ kind: 'test-pattern' }, settings, { preview: false });
  assert.ok(!bare.includes('-filter_complex') && bare.includes('-vf'));
  assert.ok(bare.includes('-nostdin'));
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
