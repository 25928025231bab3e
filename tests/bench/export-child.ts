// Child process for catalog-export.ts: `node export-child.ts studio|baseline <dataDir>` prints one JSON line.
import { measureExport } from './catalog-export.ts';

const [side, dataDir] = process.argv.slice(2);
if ((side !== 'studio' && side !== 'baseline') || !dataDir) {
  console.error('usage: node tests/bench/export-child.ts studio|baseline <dataDir>');
  process.exit(2);
}
const result = await measureExport(side, dataDir);
process.stdout.write(`${JSON.stringify(result)}\n`);
