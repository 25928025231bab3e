// `livecart stream` as a user runs it: a real process against a real ingest. It prints each destination's
// state as it changes (the stream key never shown), a summary, and exits 0 after its duration; a rejected
// key exits non-zero with a clear message; bad flags are usage errors.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { commandLinesHolding } from '../support/processes.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

const CLI = path.resolve(import.meta.dirname, '../../electron/core/cli.ts');

/** Runs the command without blocking this process (the ingest's publish hook lives here). */
function livecart(
  args: string[],
  lang: 'zh-CN' | 'en' = 'en',
  env: NodeJS.ProcessEnv = {},
  onOutput?: (out: string) => void,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LIVECART_LANG: lang, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      onOutput?.(out);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

function tools(t: TestContext): boolean {
  return ['nginx', 'ffmpeg', 'ffprobe'].every((tool) => requireTool(t, tool));
}

test('streams the test pattern for its duration to an ingest and a recording, then sums up', async (t) => {
  if (!tools(t)) return;
  const server = await startRtmpServer();
  try {
    const dir = tempDir('livecart-cli-stream-');
    const record = path.join(dir, 'rehearsal.mp4');
    const keyFile = path.join(dir, 'key.txt');
    fs.writeFileSync(keyFile, 'secret-key-123\n', { mode: 0o600 });
    const url = server.url('secret-key-123');
    const address = url.replace('/secret-key-123', '');
    let seenWhileLive: string[] | null = null;
    const r = await livecart(
      [
        'stream',
        '--test-pattern',
        '--size',
        '320x240',
        '--bitrate',
        '600k',
        '--to',
        address,
        '--key-file',
        keyFile,
        '--record',
        record,
        '--duration',
        '4',
      ],
      'en',
      {},
      (out) => {
        // While it is live, no process (the CLI, its ffmpeg) shows the key in its arguments.
        if (seenWhileLive === null && / live\n/.test(out)) seenWhileLive = commandLinesHolding(['secret-key-123']);
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(seenWhileLive, [], 'checked while live, and nothing held the key');
    const masked = url.replace('secret-key-123', '••••');
    assert.match(r.out, new RegExp(`\\] ${masked.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} live`));
    assert.doesNotMatch(r.out + r.err, /secret-key-123/, 'the stream key is never printed');
    assert.match(r.out, /Streamed for \d+ s/);
    assert.match(r.out, /live \d+ s, 0 reconnect\(s\), [\d.]+ MB sent/);
    assert.match(r.out, new RegExp(`Recording: ${record.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    const { stdout } = await promisify(execFile)('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,width,height:format=duration',
      '-of',
      'json',
      record,
    ]);
    const probe = JSON.parse(stdout) as {
      streams: Array<{ codec_name: string; width?: number }>;
      format: { duration: string };
    };
    assert.deepEqual(probe.streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
    assert.ok(Number(probe.format.duration) > 3, `recorded ${probe.format.duration} s`);
    assert.equal(server.accepted, 1);
  } finally {
    await server.stop();
  }
});

test('a rejected key exits non-zero and says so, in Chinese on a Chinese system', { timeout: 60_000 }, async (t) => {
  if (!tools(t)) return;
  const server = await startRtmpServer({ rejectKeys: ['bad'] });
  try {
    const r = await livecart(
      ['stream', '--test-pattern', '--size', '320x240', '--to', server.url('', 'live'), '--duration', '20'],
      'zh-CN',
      { LIVECART_STREAM_KEY: 'bad' },
    );
    assert.equal(r.code, 1);
    assert.match(r.out, /推流密钥被拒绝/);
    assert.ok(server.rejected >= 3 && server.rejected <= 4, `${server.rejected} tries, then it stopped`);
  } finally {
    await server.stop();
  }
});

test('bad flags are usage errors that name the flag; the key of a bad URL is not echoed; no key, no stream', async () => {
  for (const [args, flag] of [
    [['stream', '--to', 'rtmp://127.0.0.1/live'], /--test-pattern/],
    [['stream', '--test-pattern', '--size', '1279x720', '--to', 'rtmp://127.0.0.1/live'], /--size/],
    [['stream', '--test-pattern', '--bitrate', 'fast', '--to', 'rtmp://127.0.0.1/live'], /--bitrate/],
    [['stream', '--test-pattern', '--to', 'http://127.0.0.1/live/topsecret'], /--to must be an rtmp/],
    [['stream', '--test-pattern'], /--to URL or --record/],
    [
      ['stream', '--test-pattern', '--to', 'rtmp://127.0.0.1/live'],
      /needs its stream key: --key-file FILE, or LIVECART_STREAM_KEY/,
    ],
    [
      ['stream', '--test-pattern', '--to', 'rtmp://127.0.0.1/live', '--key-file', '/nonexistent/key'],
      /--key-file \/nonexistent\/key cannot be read/,
    ],
  ] as const) {
    const r = await livecart([...args], 'en', { LIVECART_STREAM_KEY: '' });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, flag);
    assert.doesNotMatch(r.err, /topsecret/);
  }
});
