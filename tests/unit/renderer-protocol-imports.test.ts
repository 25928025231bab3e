// The renderer takes values from the contract only through zod-free modules: following every value import from
// renderer/src into electron/core (and on, module by module), no module reached imports zod as a value. Types are
// free (erased at build time). The lint rule names the schema files; this follows the imports themselves.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMPORT = /^import\s+(type\s+)?(?:([\s\S]*?)\s+from\s+)?['"]([^'"]+)['"];?/gm;

/** The modules a file imports values from: `import type …` and imports of types only are left out. */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const [, typeOnly, clause, spec] = m;
    if (typeOnly) continue;
    const names = clause?.match(/^\{([\s\S]*)\}$/)?.[1];
    if (names !== undefined && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    found.push(spec!);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

test('no value the renderer imports from the core pulls zod into its bundle', () => {
  const core = path.join(ROOT, 'electron/core');
  const queue: string[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'renderer/src'))) {
    for (const spec of valueImports(file)) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (target.startsWith(core)) queue.push(target);
    }
  }
  assert.ok(queue.length > 10, `the renderer imports values from the contract (${queue.length} found)`);
  const seen = new Map<string, string[]>(); // module → the chain that reached it
  const chains = queue.map((m) => [path.relative(ROOT, m)]);
  const withZod: string[] = [];
  while (queue.length > 0) {
    const module = queue.shift()!;
    const chain = chains.shift()!;
    if (seen.has(module)) continue;
    seen.set(module, chain);
    for (const spec of valueImports(module)) {
      if (spec === 'zod') withZod.push(chain.join(' → '));
      if (!spec.startsWith('.')) continue;
      const next = path.resolve(path.dirname(module), spec);
      queue.push(next);
      chains.push([...chain, path.relative(ROOT, next)]);
    }
  }
  assert.deepEqual(withZod, [], 'modules reached by value from the renderer that import zod');
  assert.ok(seen.has(path.join(core, 'protocol/choices.ts')), 'the choices come from their zod-free module');
});
