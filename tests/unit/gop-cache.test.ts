import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  FlvReader,
  TAG_AUDIO,
  TAG_SCRIPT,
  TAG_VIDEO,
  type FlvTag,
} from '../../electron/core/stream/engine/flv-reader.ts';
import { GopCache } from '../../electron/core/stream/engine/gop-cache.ts';
import { decode, makeFlv, readAll } from '../support/flv-sample.ts';
import { hasCommand, requireTool } from '../support/tools.ts';

let header: Buffer;
let tags: FlvTag[];
/** Index of the first tag at 3 s: the middle of the second GOP (keyframes at 0, 2 and 4 s). */
let cut: number;

before(() => {
  if (!hasCommand('ffmpeg')) return; // each test says so through requireTool
  ({ header, tags } = readAll(makeFlv(5)));
  cut = tags.findIndex((tag) => tag.timestamp >= 3000);
});

function cacheUpTo(end: number): GopCache {
  const gop = new GopCache();
  gop.setHeader(header);
  for (const tag of tags.slice(0, end)) gop.add(tag);
  return gop;
}

test('ready() only once the header, a codec configuration and a keyframe are all known', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const keyframe = tags.findIndex((tag) => tag.keyframe);
  const early = tags.slice(0, keyframe);
  // The file starts with the metadata and both configurations (and maybe audio that precedes the first picture).
  assert.equal(early[0]!.type, TAG_SCRIPT);
  assert.equal(early.filter((tag) => tag.config).length, 2);
  const gop = new GopCache();
  assert.equal(gop.ready(), false);
  for (const tag of early) gop.add(tag);
  assert.equal(gop.ready(), false, 'no header, no keyframe');
  gop.add(tags[keyframe]!);
  assert.equal(gop.ready(), false, 'no header');
  gop.setHeader(header);
  assert.equal(gop.ready(), true);

  const noConfig = new GopCache();
  noConfig.setHeader(header);
  noConfig.add(tags[0]!);
  noConfig.add(tags[keyframe]!);
  assert.equal(noConfig.ready(), false, 'no codec configuration');
  const interOnly = cacheUpTo(keyframe);
  interOnly.add(tags.slice(keyframe).find((tag) => tag.type === TAG_VIDEO && !tag.keyframe)!);
  assert.equal(interOnly.ready(), false, 'a picture that is not a keyframe is no place to start');

  // Video configured but the AAC audio's configuration missing: a publisher primed mid-show could not send it.
  const videoConfig = tags.find((tag) => tag.config && tag.type === TAG_VIDEO)!;
  const audio = tags.find((tag) => tag.type === TAG_AUDIO && !tag.config)!;
  const halfConfigured = new GopCache();
  halfConfigured.setHeader(header);
  halfConfigured.add(videoConfig);
  halfConfigured.add(tags[keyframe]!);
  halfConfigured.add(audio);
  assert.equal(halfConfigured.ready(), false, 'every stream needs its configuration first');
  halfConfigured.add(tags.find((tag) => tag.config && tag.type === TAG_AUDIO)!);
  assert.equal(halfConfigured.ready(), true);
});

test('prime(): the header, the metadata, the configurations, then the latest GOP from its keyframe only', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const reader = new FlvReader();
  const primed = reader.push(cacheUpTo(cut).prime());
  assert.deepEqual(reader.header, header);
  assert.equal(primed[0]!.type, TAG_SCRIPT);
  assert.deepEqual(primed[0]!.bytes, tags[0]!.bytes);
  assert.deepEqual(
    primed.slice(1, 3).map((tag) => tag.config),
    [true, true],
  );
  assert.equal(primed[3]!.keyframe, true);
  assert.equal(primed[3]!.timestamp, tags.filter((tag) => tag.keyframe)[1]!.timestamp, 'the 2 s keyframe');
  assert.equal(primed.filter((tag) => tag.keyframe).length, 1, 'only the latest GOP');
  const secondKeyframe = tags.indexOf(tags.filter((tag) => tag.keyframe)[1]!);
  assert.deepEqual(
    primed.slice(3).map((tag) => tag.bytes),
    tags.slice(secondKeyframe, cut).map((tag) => tag.bytes),
    'every tag from the keyframe up to now, in order',
  );
});

test('primed bytes then the following tags, taken mid-GOP, decode cleanly; without the priming they do not', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const rest = tags.slice(cut).map((tag) => tag.bytes);
  const pictures = (from: number) =>
    tags.slice(from).filter((tag) => tag.type === TAG_VIDEO && tag.bytes[12] === 1).length;
  const secondKeyframe = tags.indexOf(tags.filter((tag) => tag.keyframe)[1]!);

  const primed = decode(Buffer.concat([cacheUpTo(cut).prime(), ...rest]));
  assert.equal(primed.errors, '');
  assert.equal(primed.status, 0);
  assert.equal(primed.frames, pictures(secondKeyframe), 'every picture from the 2 s keyframe to the end');

  // The control: the same tags joined mid-GOP with no priming are not decodable, so the check above can fail.
  const unprimed = decode(Buffer.concat([header, ...rest]));
  assert.notEqual(unprimed.errors, '');
});
