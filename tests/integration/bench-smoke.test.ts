// The benchmarks still run: each part at a tiny size, in its own process, through `npm run bench`'s own entry.
// No figure is judged here (performance is the bench's report, never a test's verdict); what is checked is that
// every part ends cleanly, fills its rows and says nothing went wrong — a bench that no longer talks to the studio
// (a protocol change it missed) or whose baseline stopped matching the studio's output fails here, not months later.
// The streaming part is left out: it needs a minute of live video at least, and the stream tests cover that path.
// The overlay part runs with two explains and shows of two seconds, the show-status part with a two-second show
// (both need ffmpeg and nginx, as CI has).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

const RUN = path.resolve(import.meta.dirname, '../bench/run.ts');
const TINY = ['--rows', '500', '--n', '40', '--warmup', '5', '--clients', '2', '--fanout-n', '10', '--repeat', '1'];
const TINY_ORDERS = ['--orders-n', '40', '--orders-clients', '2', '--orders-lines', '2000', '--shop-orders', '150'];
const TINY_OVERLAY = [
  '--overlay-seconds',
  '2',
  '--overlay-explains',
  '2',
  '--status-seconds',
  '2',
  '--status-clients',
  '2',
];

interface Report {
  table: Array<{ name: string; unit: string; studio: number | null; baseline: number | null }>;
  [section: string]: unknown;
}

function bench(part: string): { report: Report; stdout: string } {
  const out = path.join(tempDir(), `${part}.json`);
  const r = spawnSync(process.execPath, [RUN, '--only', part, ...TINY, ...TINY_ORDERS, ...TINY_OVERLAY, '--out', out], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `bench --only ${part} exited ${r.status}:\n${r.stderr}`);
  assert.doesNotMatch(r.stdout, /WARNING|DIFFERS/, `bench --only ${part} warned:\n${r.stdout}`);
  return { report: JSON.parse(fs.readFileSync(out, 'utf8')) as Report, stdout: r.stdout };
}

for (const [part, section] of [
  ['rtt', 'protocolRtt'],
  ['fanout', 'liveFanout'],
  ['csv', 'catalogCsv'],
  ['orders', 'orders'],
  ['shop', 'shopSync'],
  ['overlay', 'overlay'],
  ['status', 'showStatus'],
] as const) {
  test(`bench --only ${part} runs against the studio and fills its rows`, (t) => {
    const streams = part === 'overlay' || part === 'status';
    if (streams && !['ffmpeg', 'nginx'].every((tool) => requireTool(t, tool))) return;
    const { report, stdout } = bench(part);
    assert.ok(report[section], `${section} measured`);
    assert.ok(report.table.length > 0, 'rows in the table');
    assert.ok(
      report.table.some((row) => row.studio !== null),
      'the studio measured',
    );
    for (const row of report.table) {
      // A reference row (a floor of the method) has only its baseline; every other row measures the studio.
      const measured = row.studio ?? row.baseline;
      // A count of things that went wrong (dropped frames) is measured when it is 0.
      const least = row.unit === 'frames' ? 0 : Number.MIN_VALUE;
      assert.ok(
        Number.isFinite(measured) && measured! >= least,
        `${row.name}: measured (${row.studio} / ${row.baseline})`,
      );
      assert.match(stdout, new RegExp(row.name.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
  });
}
