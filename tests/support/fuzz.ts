// Payloads for fuzzing the protocol: made from the contract's own schemas (as JSON Schema, so valid-looking calls
// reach the handlers), then mutated (wrong types, huge and strange strings, deep nesting, big arrays, odd keys).
// Seeded, so a failure can be replayed with FUZZ_SEED.
import { seededRandom } from './seeded-random.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  type?: string | string[];
  const?: Json;
  enum?: Json[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  $defs?: Record<string, Schema>;
}

export class Fuzzer {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** A value the schema accepts, most of the time (patterns are approximated): ids small, to hit real rows. */
  valid(schema: Schema, root: Schema = schema, depth = 0): Json {
    if (schema.$ref) return this.valid(root.$defs?.[schema.$ref.split('/').at(-1)!] ?? {}, root, depth);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return this.valid(this.pick(branches), root, depth);
    if (schema.allOf) return this.valid(schema.allOf[0]!, root, depth);
    const type = Array.isArray(schema.type) ? this.pick(schema.type) : schema.type;
    switch (type) {
      case 'object': {
        const out: Record<string, Json> = {};
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
          if ((schema.required ?? []).includes(key) || this.chance(0.6))
            out[key] = this.valid(property, root, depth + 1);
        }
        return out;
      }
      case 'array': {
        const min = schema.minItems ?? 0;
        const max = Math.min(schema.maxItems ?? min + 3, min + 3);
        return Array.from({ length: this.int(min, Math.max(min, max)) }, () =>
          this.valid(schema.items ?? {}, root, depth + 1),
        );
      }
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number': {
        const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
        const hi = Math.min(schema.maximum ?? 1_000_000, lo + (this.chance(0.7) ? 5 : 100_000));
        return this.int(Math.ceil(lo), Math.floor(Math.max(lo, hi)));
      }
      case 'boolean':
        return this.chance(0.5);
      case 'null':
        return null;
      default:
        return this.nasty();
    }
  }

  private string(schema: Schema): string {
    const pattern = schema.pattern ?? '';
    if (pattern.includes('0-9a-f') && pattern.includes('64'))
      return Array.from({ length: 64 }, () => this.pick([...'0123456789abcdef'])).join('');
    if (pattern.includes('A-Za-z0-9_-'))
      return Array.from({ length: 16 }, () => this.pick([...'abcXYZ019_-'])).join('');
    if (pattern.includes('A-Za-z0-9+/')) return Buffer.from(String(this.random())).toString('base64');
    const min = schema.minLength ?? 0;
    const max = Math.min(schema.maxLength ?? 24, min + 24);
    const alphabet = [...'abcXYZ 019-_.:/', '蜂', '蜜', '号', '¥', '🧧'];
    return Array.from({ length: this.int(min, Math.max(min, max)) }, () => this.pick(alphabet)).join('');
  }

  /** Something no schema wants: the wrong type, a huge or strange string, deep nesting, a big array, odd keys. */
  nasty(): Json {
    switch (this.int(0, 11)) {
      case 0:
        return this.pick([-1, 0, 0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31), Number.MAX_SAFE_INTEGER]);
      case 1:
        return this.pick(['', ' ', '\u0000', '\ud800', '\u202e🧧蜂蜜', 'a'.repeat(this.int(1000, 200_000))]);
      case 2:
        return this.pick([true, false, null]);
      case 3:
        return [];
      case 4:
        return {};
      case 5: {
        let deep: Json = 1;
        for (let i = this.int(20, 60); i > 0; i--) deep = [deep];
        return deep;
      }
      case 6:
        // Many items, each of the wrong kind: a schema that reports every one of them is what stalls.
        return Array.from({ length: this.int(1000, 60_000) }, (_, i) => (this.chance(0.5) ? i : { bad: `x${i}` }));
      case 7:
        return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as Json;
      case 8:
        return { toString: 'x', valueOf: 1, hasOwnProperty: null };
      case 9:
        return this.pick(['../../etc/passwd', '/dev/zero', '\\\\server\\share\\a.png', 'C:\\Windows\\win.ini']);
      case 10:
        return Object.fromEntries(Array.from({ length: this.int(100, 20_000) }, (_, i) => [`k${i}`, i]));
      default:
        return '='.repeat(3) + 'HYPERLINK("http://evil")';
    }
  }

  /** `value` with one spot replaced by something nasty, or an unknown key added. */
  mutate(value: Json): Json {
    if (this.chance(0.1)) return this.nasty();
    if (Array.isArray(value)) {
      if (value.length === 0 || this.chance(0.2)) return [...value, this.nasty()];
      const i = this.int(0, value.length - 1);
      return value.map((v, k) => (k === i ? this.mutate(v) : v));
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 0 || this.chance(0.2))
        return { ...value, [this.pick(['extra', '__proto__', 'id', ''])]: this.nasty() };
      const key = this.pick(keys);
      if (this.chance(0.15)) {
        const { [key]: _dropped, ...rest } = value;
        return rest;
      }
      return { ...value, [key]: this.mutate(value[key]!) };
    }
    return this.nasty();
  }
}
