// HTTP range requests (RFC 9110 §14) for served media, answered the same way by the web host (node:http) and by
// Electron's app:// protocol (a fetch Response): one decision, two ways to write it out.

export type RangeAnswer =
  | { status: 200; start: 0; end: number; headers: Record<string, string> }
  | { status: 206; start: number; end: number; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> };

/**
 * What to send of a file of `size` bytes for a Range header. One range is served (206); several, or a header that
 * does not parse, get the whole file (a server may ignore Range); a range past the end is 416.
 */
export function answerRange(header: string | undefined, size: number): RangeAnswer {
  const whole: RangeAnswer = {
    status: 200,
    start: 0,
    end: size - 1,
    headers: { 'accept-ranges': 'bytes', 'content-length': String(size) },
  };
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return whole;
  let start: number;
  let end: number;
  if (match[1] === '') {
    // bytes=-N: the last N bytes
    const suffix = Number(match[2]);
    if (suffix === 0) return unsatisfiable(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    if (start >= size) return unsatisfiable(size);
    if (match[2] !== '' && Number(match[2]) < start) return whole; // bytes=9-3 is not a valid range: ignored
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || !Number.isSafeInteger(start)) return unsatisfiable(size);
  return {
    status: 206,
    start,
    end,
    headers: {
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
      'content-range': `bytes ${start}-${end}/${size}`,
    },
  };
}

function unsatisfiable(size: number): RangeAnswer {
  return { status: 416, headers: { 'accept-ranges': 'bytes', 'content-range': `bytes */${size}` } };
}
