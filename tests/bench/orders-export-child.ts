// Child process for orders-export.ts: `node orders-export-child.ts <dbFile> <out> [csv|xlsx]` exports every order
// line with the studio's exportOrders and prints one JSON line, its peak RSS read at the very end (getrusage's maxRSS:
// the high-water mark of this whole process, nothing sampled, nothing missed between samples).
import { exportOrders } from '../../electron/core/orders/order-export.ts';
import type { Progress } from '../../electron/core/jobs/job-runner.ts';

const [dbFile, out, format = 'csv'] = process.argv.slice(2);
if (!dbFile || !out || (format !== 'csv' && format !== 'xlsx')) {
  console.error('usage: node tests/bench/orders-export-child.ts <dbFile> <out> [csv|xlsx]');
  process.exit(2);
}
// As the job runner's: reports are dropped, yields give the loop a turn (as they would to other clients).
const progress = (() => {}) as unknown as Progress;
progress.yield = () => new Promise((resolve) => setImmediate(resolve));
const rssBeforeMb = process.memoryUsage().rss / 1e6;
const t0 = performance.now();
const result = await exportOrders(dbFile, { filter: {}, locale: 'zh-CN', format, out }, progress);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({
    ...result,
    seconds,
    rssBeforeMb,
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    processSeconds: process.uptime(),
  })}\n`,
);
