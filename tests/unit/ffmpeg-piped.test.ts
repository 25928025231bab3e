// Every longer ffmpeg run of the core (a job, a short piece of FLV) goes through runFfmpegPiped: real ffmpeg, its
// output read as it comes, and each way it can end said plainly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FfmpegTaskError, runFfmpegPiped } from '../../electron/core/ffmpeg/piped.ts';
import { requireTool } from '../support/tools.ts';

const QUIET = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
/** Silence as WAV on stdout: a tenth of a second, or (endless) until it is stopped. */
const silence = (seconds?: number) => [
  ...QUIET,
  ...['-f', 'lavfi', '-i', 'anullsrc=sample_rate=8000'],
  ...(seconds === undefined ? [] : ['-t', String(seconds)]),
  ...['-f', 'wav', 'pipe:1'],
];

test('stdout reaches the caller as it comes, and a clean exit resolves', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  let bytes = 0;
  await runFfmpegPiped('ffmpeg', silence(0.1), { onStdout: (chunk) => (bytes += chunk.length) });
  assert.ok(bytes > 44, `a WAV header and samples (${bytes} bytes)`);
});

test('a failed run says ffmpeg’s last error line, with its exit code', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  await assert.rejects(
    runFfmpegPiped('ffmpeg', [...QUIET, '-i', '/nonexistent/livecart.mp4', '-f', 'null', '-'], { onStdout: () => {} }),
    (error: unknown) => {
      assert.ok(error instanceof FfmpegTaskError);
      assert.match(error.message, /No such file/);
      assert.notEqual(error.code, 0);
      return true;
    },
  );
});

test('a reader that cannot use the output stops ffmpeg, and the run fails with its error', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const unreadable = new Error('not FLV');
  await assert.rejects(
    runFfmpegPiped('ffmpeg', silence(), {
      onStdout: () => {
        throw unreadable;
      },
    }),
    (error) => error === unreadable,
  );
});

test('an endless run is stopped by its time limit, or at once by its signal', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  await assert.rejects(
    runFfmpegPiped('ffmpeg', ['-re', ...silence()], { timeLimitMs: 200, onStdout: () => {} }),
    /took longer than 200 ms/,
  );
  const controller = new AbortController();
  const cancelled = new Error('cancelled by the host');
  await assert.rejects(
    runFfmpegPiped('ffmpeg', ['-re', ...silence()], {
      signal: controller.signal,
      onStdout: () => controller.abort(cancelled),
    }),
    (error) => error === cancelled,
  );
});

test('ffmpeg that cannot start fails with the spawn error', async () => {
  await assert.rejects(runFfmpegPiped('/nonexistent/ffmpeg', [], { onStdout: () => {} }), /ENOENT/);
});
