// Error codes that cross the protocol. The client shows them in the user's language (see messages.ts);
// `message` is English for logs and never carries secrets.

export const ERROR_CODES = [
  'bad_request', // the payload failed schema validation
  'unknown_method',
  'unauthorized',
  'not_found',
  'conflict', // optimistic concurrency: someone else changed it first
  'invalid', // domain validation failed (see issues)
  'import_invalid', // a CSV file with bad rows: nothing was imported
  'too_large',
  'busy', // a job of the same kind is already running
  'db_from_future', // the data was written by a newer app version
  'refused', // not allowed in the current state; issues[0].code says why (`session_bag_empty`, …)
  'forbidden', // this connection's role may not do that (an assistant asking for stream settings)
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of a request or one cell of a file. */
export interface Issue {
  /** Dotted path of the field (`input.priceFen`) or the CSV column as written in the file. */
  path: string;
  /** A message code from messages.ts (`price_invalid`, `required`, …). */
  code: string;
  /** 1-based line in the file, for file imports (the header is line 1). */
  line?: number;
  params?: Record<string, string | number>;
}

export interface StudioErrorShape {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
  /** For `conflict`: the current state, so the client can show what changed. */
  current?: unknown;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  readonly current: unknown;
  constructor(code: ErrorCode, message: string, extra: { issues?: Issue[]; current?: unknown } = {}) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.issues = extra.issues;
    this.current = extra.current;
  }
  toShape(): StudioErrorShape {
    const shape: StudioErrorShape = { code: this.code, message: this.message };
    if (this.issues) shape.issues = this.issues;
    if (this.current !== undefined) shape.current = this.current;
    return shape;
  }
}

/** Not allowed in the current state: `code` (a messages.ts code) says why. */
export function refused(code: string, message: string, params?: Record<string, string | number>): StudioError {
  return new StudioError('refused', message, { issues: [{ path: '(root)', code, ...(params ? { params } : {}) }] });
}
