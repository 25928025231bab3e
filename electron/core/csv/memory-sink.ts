// A writable that keeps what it is given, for an export whose file stays in memory (the product library's).
import { Writable } from 'node:stream';

export function memorySink(): { stream: Writable; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      // Kept as bytes at once: 100,000 rows held as JS strings cost 3× the file's size.
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}
