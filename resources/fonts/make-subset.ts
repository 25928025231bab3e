// Makes the bundled fonts: Noto Sans SC (SIL Open Font License 1.1, OFL.txt) cut down to GB2312 (all 6,763 hanzi
// of everyday Simplified Chinese and its symbols), ASCII, Latin-1, general and CJK punctuation and full-width forms:
// about 2.4 MB a weight instead of 10.5. A rarer character falls back to the system's fonts (see README).
//
//   npm install --no-save subset-font@2.9.0 @expo-google-fonts/noto-sans-sc@0.4.3
//   node resources/fonts/make-subset.ts
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const subsetFont = require('subset-font') as (
  font: Buffer,
  text: string,
  o: { targetFormat: string },
) => Promise<Buffer>;

function characters(): string {
  const chars = new Set<string>();
  const gb = new TextDecoder('gb18030');
  // GB2312 rows A1–A9 are symbols, B0–F7 the hanzi (A1–FE in each row).
  for (let row = 0xa1; row <= 0xf7; row++) {
    if (row > 0xa9 && row < 0xb0) continue;
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const char = gb.decode(new Uint8Array([row, cell]));
      if (char && char !== '\ufffd') chars.add(char);
    }
  }
  const ranges = [
    [0x20, 0x7e],
    [0xa0, 0xff],
    [0x2000, 0x206f],
    [0x20a0, 0x20cf],
    [0x3000, 0x303f],
    [0xff00, 0xffef],
  ];
  for (const [from, to] of ranges) for (let c = from!; c <= to!; c++) chars.add(String.fromCodePoint(c));
  return [...chars].join('');
}

const source = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const out = import.meta.dirname;
const text = characters();
for (const [weight, name] of [
  ['400Regular', 'NotoSansSC-Regular.ttf'],
  ['700Bold', 'NotoSansSC-Bold.ttf'],
] as const) {
  const font = fs.readFileSync(path.join(source, weight, `NotoSansSC_${weight}.ttf`));
  const subset = await subsetFont(font, text, { targetFormat: 'truetype' });
  fs.writeFileSync(path.join(out, name), subset);
  console.log(`${name}: ${text.length} characters, ${subset.length} bytes`);
}
