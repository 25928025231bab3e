// Turns the bytes of a CSV file into text. Sellers' files come from Excel on Chinese Windows (GBK, no BOM),
// from Excel/WPS "CSV UTF-8" (BOM), from other tools (plain UTF-8) or from Excel's "Unicode text" (UTF-16).

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

/** Detects the encoding and decodes; the BOM, if any, is not part of `text`. Never throws. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const [b0, b1, b2] = bytes;
  // A BOM is the only reliable signal, so it wins over any guess.
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  // Excel's "Unicode text" (Unicode 文本) is UTF-16 LE with a BOM and tab-separated; the BE case costs nothing.
  if (b0 === 0xff && b1 === 0xfe) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // Chinese text in GBK is almost never valid UTF-8 (GBK trail bytes break UTF-8's continuation rules),
  // so a strict UTF-8 decode that succeeds means UTF-8; pure ASCII is the same in both anyway.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // gb18030 is a superset of GBK (and of GB2312): it also reads the rare characters newer Excel writes.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}
