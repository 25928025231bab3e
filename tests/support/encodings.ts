// Text in the encodings sellers' tools write, for tests: Node ships decoders for them, not encoders.

let table: Map<string, [number, number]> | null = null;

/** GB18030 (GBK's two-byte range) bytes for any text, built from the platform's own decoder. */
export function gb18030(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
      }
    }
  }
  const codes = table;
  return Buffer.from(
    [...text].flatMap((char) => {
      if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)];
      const pair = codes.get(char);
      if (!pair) throw new Error(`no two-byte GB18030 code for ${char}`);
      return pair;
    }),
  );
}
