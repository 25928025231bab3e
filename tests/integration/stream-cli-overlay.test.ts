// `livecart stream --overlay` beside a running studio: the CLI (its own process) composites the overlay from the
// data folder's live show, and follows the studio's changes as they are committed — the card appears, changes with
// the next product and goes — decoded frame by frame from what a real nginx-rtmp on loopback receives.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay } from '../../electron/core/overlay/shared/overlay-layout.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { CLI } from '../support/cli.ts';
import { hex, IngestPlayer, near, pictureTop, type DecodedFrame } from '../support/ingest-player.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { makePicture, requireTool } from '../support/tools.ts';

const ORANGE = '#FF8800';
const GREEN = '#22AA66';
const FRAME = { width: 640, height: 360 };
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test(
  'the CLI’s picture carries the studio’s live show and follows it',
  { timeout: 180_000 },
  async (t: TestContext) => {
    if (!['nginx', 'ffmpeg'].every((tool) => requireTool(t, tool))) return;
    const rtmp = await startRtmpServer();
    cleanups.push(() => rtmp.stop());
    const dataDir = tempDir();
    const studio = await openStudio({ dataDir });
    cleanups.push(() => studio.close());
    const picture = (colour: string) =>
      studio.catalog.images.save(makePicture(`color=0x${colour.slice(1)}:size=96x96`, 'png-bytes'));
    const a = await studio.catalog.create({ title: '白茶', priceFen: 3990, stock: 5, imageId: await picture(ORANGE) });
    const b = await studio.catalog.create({ title: '茶杯', priceFen: 12800, stock: 5, imageId: await picture(GREEN) });
    const show = await studio.live.create({ title: '命令行叠加' });
    await studio.live.bagAdd(show.id, a.id);
    await studio.live.bagAdd(show.id, b.id);
    await studio.live.goLive(show.id);
    await studio.live.explain(show.id, { linkNo: 1 });

    const keyFile = path.join(tempDir('livecart-cli-key-'), 'key');
    fs.writeFileSync(keyFile, 'cli-overlay\n', { mode: 0o600 });
    const address = rtmp.url('cli-overlay').replace('/cli-overlay', '');
    const args = [
      'stream',
      '--test-pattern',
      '--overlay',
      '--data-dir',
      dataDir,
      '--size',
      `${FRAME.width}x${FRAME.height}`,
    ];
    const child = spawn(
      process.execPath,
      [CLI, ...args, '--fps', '25', '--bitrate', '800k', '--to', address, '--key-file', keyFile, '--duration', '150'],
      {
        env: { ...process.env, LIVECART_LANG: 'en' },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    await rtmp.waitForPublish('cli-overlay', 30_000);
    assert.match(out, /Overlay: following the live show in /);

    const scale = 2;
    const player = new IngestPlayer(rtmp.url('cli-overlay'), FRAME.width / scale, FRAME.height / scale);
    cleanups.push(() => player.stop());
    const placed = placeOverlay(DEFAULT_OVERLAY_SETTINGS, FRAME);
    const top = pictureTop(placed.card!, placed.unit);
    const cardIs = (colour: string) => (f: DecodedFrame) => near(f.mean(top, scale), hex(colour));

    await player.waitFor('the card of the product explained in the studio (orange)', cardIs(ORANGE));
    await studio.live.explain(show.id, { linkNo: 2 });
    await player.waitFor('the card changed with the studio (green)', cardIs(GREEN));
    await studio.live.stopExplaining(show.id);
    await player.waitFor('the card gone', (f) => !cardIs(ORANGE)(f) && !cardIs(GREEN)(f));

    child.kill('SIGINT');
    assert.equal(await exited, 130, out);
    assert.deepEqual(fs.readdirSync(path.join(dataDir, 'overlay')), [], 'its overlay files are removed when it ends');
  },
);
