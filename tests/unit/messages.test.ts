import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ERROR_CODES } from '../../electron/core/protocol/errors.ts';
import { hasMessage, messageFor, pickLocale } from '../../electron/core/protocol/messages.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every error code has a text in both languages', () => {
  for (const code of ERROR_CODES) {
    assert.ok(hasMessage(code), code);
    assert.notEqual(messageFor(code, 'zh-CN', { count: 1 }), messageFor(code, 'en', { count: 1 }), code);
  }
});

test('every message code the core raises is translated (nothing reaches a user as a bare code)', () => {
  const core = path.resolve(import.meta.dirname, '../../electron/core');
  const codes = new Set<string>();
  for (const file of sourceFiles(core)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/(?:bad|issue)\([^,]+, '([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/progress\('(phase_[a-z_]+)'/g)) codes.add(m[1]!);
  }
  assert.ok(codes.size > 10, `found ${codes.size} codes`);
  for (const code of codes) assert.ok(hasMessage(code), `missing message for ${code}`);
});

test('parameters are filled in; unknown codes fall back to the code itself', () => {
  assert.equal(
    messageFor('price_invalid', 'en', { value: 'abc' }),
    '"abc" is not a valid amount (non-negative, at most two decimals)',
  );
  assert.match(messageFor('price_invalid', 'zh-CN', { value: 'abc' }), /“abc”不是有效金额/);
  assert.equal(messageFor('no_such_code', 'zh-CN'), 'no_such_code');
});

test('Chinese systems get zh-CN, everything else English', () => {
  for (const tag of ['zh', 'zh-CN', 'zh_CN.UTF-8', 'zh-TW', 'zh-Hans-CN', 'ZH-cn'])
    assert.equal(pickLocale(tag), 'zh-CN', tag);
  for (const tag of ['en-US', 'C.UTF-8', 'ja-JP', 'fr', '', undefined, null, 'zhx'])
    assert.equal(pickLocale(tag), 'en', String(tag));
});

test('each code fills the same {placeholders} in both languages', async () => {
  const dir = path.resolve(import.meta.dirname, '../../electron/core/protocol');
  let compared = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('-messages.ts'))) {
    const tables = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, zh] of Object.entries(tables)) {
      if (!name.endsWith('_ZH')) continue;
      const en = tables[`${name.slice(0, -3)}_EN`] as Record<string, string>;
      assert.ok(en, `${file}: ${name} has no English table`);
      for (const [code, text] of Object.entries(zh as Record<string, string>)) {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        assert.deepEqual(names(en[code]!), names(text), `${code}: the same parameters in zh-CN and en`);
        compared++;
      }
    }
  }
  assert.ok(compared > 150, `compared ${compared} codes`);
});
