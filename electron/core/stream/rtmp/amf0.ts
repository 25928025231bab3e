// AMF0, as far as an RTMP publisher needs it: the values of commands going out (connect, publish…) and of the
// server's answers coming back (_result, onStatus). Decoding is bounded: a hostile server cannot make it recurse
// deeply or allocate much.

export type Amf0Value = number | boolean | string | null | undefined | Amf0Object | Amf0Value[];
export interface Amf0Object {
  [key: string]: Amf0Value;
}

const NUMBER = 0x00;
const BOOLEAN = 0x01;
const STRING = 0x02;
const OBJECT = 0x03;
const NULL = 0x05;
const UNDEFINED = 0x06;
const ECMA_ARRAY = 0x08;
const OBJECT_END = 0x09;
const STRICT_ARRAY = 0x0a;
const DATE = 0x0b;
const LONG_STRING = 0x0c;

const MAX_DEPTH = 16;
const MAX_ITEMS = 4096;

function shortString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 0xffff) throw new RangeError('AMF0 string too long');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(bytes.length);
  return Buffer.concat([head, bytes]);
}

export function encodeAmf0(value: Amf0Value): Buffer {
  if (value === null) return Buffer.from([NULL]);
  if (value === undefined) return Buffer.from([UNDEFINED]);
  if (typeof value === 'number') {
    const out = Buffer.alloc(9);
    out[0] = NUMBER;
    out.writeDoubleBE(value, 1);
    return out;
  }
  if (typeof value === 'boolean') return Buffer.from([BOOLEAN, value ? 1 : 0]);
  if (typeof value === 'string') return Buffer.concat([Buffer.from([STRING]), shortString(value)]);
  if (Array.isArray(value)) {
    const head = Buffer.alloc(5);
    head[0] = STRICT_ARRAY;
    head.writeUInt32BE(value.length, 1);
    return Buffer.concat([head, ...value.map(encodeAmf0)]);
  }
  const parts: Buffer[] = [Buffer.from([OBJECT])];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    parts.push(shortString(key), encodeAmf0(field));
  }
  parts.push(Buffer.from([0, 0, OBJECT_END]));
  return Buffer.concat(parts);
}

/** Every value of a command, one after another (`"connect", 1, {…}`). */
export function encodeAmf0All(values: readonly Amf0Value[]): Buffer {
  return Buffer.concat(values.map(encodeAmf0));
}

class Reader {
  offset = 0;
  items = 0;
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new RangeError('AMF0 value cut short');
  }

  key(): string {
    this.need(2);
    const length = this.bytes.readUInt16BE(this.offset);
    this.need(2 + length);
    const text = this.bytes.toString('utf8', this.offset + 2, this.offset + 2 + length);
    this.offset += 2 + length;
    return text;
  }

  properties(depth: number): Amf0Object {
    const object: Amf0Object = {};
    for (;;) {
      this.need(3);
      if (this.bytes.readUIntBE(this.offset, 3) === OBJECT_END) {
        this.offset += 3;
        return object;
      }
      const key = this.key();
      object[key] = this.value(depth + 1);
    }
  }

  value(depth = 0): Amf0Value {
    if (depth > MAX_DEPTH || ++this.items > MAX_ITEMS) throw new RangeError('AMF0 value too big');
    this.need(1);
    const type = this.bytes[this.offset++]!;
    switch (type) {
      case NUMBER:
        this.need(8);
        this.offset += 8;
        return this.bytes.readDoubleBE(this.offset - 8);
      case BOOLEAN:
        this.need(1);
        return this.bytes[this.offset++] !== 0;
      case STRING:
        return this.key();
      case LONG_STRING: {
        this.need(4);
        const length = this.bytes.readUInt32BE(this.offset);
        this.need(4 + length);
        this.offset += 4 + length;
        return this.bytes.toString('utf8', this.offset - length, this.offset);
      }
      case OBJECT:
        return this.properties(depth);
      case ECMA_ARRAY:
        this.need(4);
        this.offset += 4; // a count servers do not always keep true: the end marker decides
        return this.properties(depth);
      case STRICT_ARRAY: {
        this.need(4);
        const count = this.bytes.readUInt32BE(this.offset);
        this.offset += 4;
        if (count > MAX_ITEMS) throw new RangeError('AMF0 array too long');
        return Array.from({ length: count }, () => this.value(depth + 1));
      }
      case DATE:
        this.need(10);
        this.offset += 10;
        return this.bytes.readDoubleBE(this.offset - 10);
      case NULL:
        return null;
      case UNDEFINED:
        return undefined;
      default:
        throw new RangeError(`AMF0 type ${type} not understood`);
    }
  }
}

/** Every value in `bytes`, in order; throws RangeError on anything malformed or oversized. */
export function decodeAmf0All(bytes: Buffer): Amf0Value[] {
  const reader = new Reader(bytes);
  const values: Amf0Value[] = [];
  while (reader.offset < bytes.length) values.push(reader.value());
  return values;
}

/**
 * The values in `bytes` up to the first one not understood (a type a publisher never needs, like AMF3 or a
 * reference): the command's name and the fields it acts on come first, and the rest must not fail the connection.
 */
export function decodeAmf0Prefix(bytes: Buffer): Amf0Value[] {
  const reader = new Reader(bytes);
  const values: Amf0Value[] = [];
  try {
    while (reader.offset < bytes.length) values.push(reader.value());
  } catch {
    // what came before is kept
  }
  return values;
}
