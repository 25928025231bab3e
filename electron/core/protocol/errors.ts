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
  'db_corrupt', // the database file is damaged (restore a backup)
  'studio_running', // another studio has this data folder open
  'disk_full', // a write failed for want of disk space; nothing was saved
  'write_unconfirmed', // committed (and maybe shown), but the disk did not confirm it: check before doing it again
  'refused', // not allowed in the current state; issues[0].code says why (`session_bag_empty`, …)
  'forbidden', // this connection's role may not do that (an assistant asking for stream settings)
  'cancelled', // the user stopped the job
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of a request or one cell of a file. */
export interface Issue {
  /** Dotted path of the field (`input.priceFen`) or the CSV column as written in the file. */
  path: string;
  /** A message code from messages.ts (`price_invalid`, `required`, …). */
  code: string;
  /** For file imports: the 1-based row a spreadsheet shows (the header is usually row 1). */
  line?: number;
  params?: Record<string, string | number>;
}

export interface StudioErrorShape {
  code: ErrorCode;
  message: string;
  /** The first MAX_ISSUES problems, their cells quoted short; `issuesTotal` counts them all. */
  issues?: Issue[];
  issuesTotal?: number;
  /** For `conflict`: the current state, so the client can show what changed. */
  current?: unknown;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  readonly current: unknown;
  /** How many issues there were, when `issues` holds only the first of them. */
  readonly issuesTotal: number | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    extra: { issues?: Issue[]; current?: unknown; issuesTotal?: number } = {},
  ) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.issues = extra.issues;
    this.current = extra.current;
    this.issuesTotal = extra.issuesTotal;
  }
  toShape(): StudioErrorShape {
    const shape: StudioErrorShape = { code: this.code, message: this.message };
    if (this.issues) {
      shape.issues = capIssues(this.issues);
      const total = Math.max(this.issuesTotal ?? 0, this.issues.length);
      if (total > shape.issues.length) shape.issuesTotal = total;
    }
    if (this.current !== undefined) shape.current = this.current;
    return shape;
  }
}

/**
 * A write that failed for want of space — SQLite's SQLITE_FULL, the system's ENOSPC (or a quota's EDQUOT) — as the
 * error the user can act on; null for any other failure.
 */
export function diskFullError(error: unknown): StudioError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^(SQLITE_FULL|ENOSPC|EDQUOT)$/.test(code)) return null;
  return new StudioError('disk_full', 'the disk is full: nothing was saved');
}

/** Problems listed in one answer or job: a million bad cells are summed up, not sent. */
export const MAX_ISSUES = 100;
/** What of a cell (or a column's name) an issue quotes back. */
export const MAX_QUOTED_CHARS = 60;

/** `text` cut to MAX_QUOTED_CHARS characters (whole code points), with … when it was longer. */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return text;
  return `${Array.from(text.slice(0, MAX_QUOTED_CHARS + 1))
    .slice(0, MAX_QUOTED_CHARS)
    .join('')}…`;
}

/** One issue with every text it carries (its path, its params) quoted short. */
export function clipIssue(issue: Issue): Issue {
  const clipped: Issue = { ...issue, path: quote(issue.path) };
  if (issue.params) {
    clipped.params = Object.fromEntries(
      Object.entries(issue.params).map(([key, value]) => [key, typeof value === 'string' ? quote(value) : value]),
    );
  }
  return clipped;
}

/** The first MAX_ISSUES issues, clipped. */
export function capIssues(issues: readonly Issue[]): Issue[] {
  return issues.slice(0, MAX_ISSUES).map(clipIssue);
}

/**
 * Collects issues as a file is read: counts them all but keeps only the first MAX_ISSUES, already clipped, so a
 * file with a million bad cells costs no more memory than one with a hundred.
 */
export class IssueList {
  private readonly kept: Issue[] = [];
  private count = 0;

  push(...issues: Issue[]): void {
    for (const issue of issues) {
      this.count++;
      if (this.kept.length < MAX_ISSUES) this.kept.push(clipIssue(issue));
    }
  }

  /** How many were pushed (not only kept). */
  get length(): number {
    return this.count;
  }

  /** The kept ones (at most MAX_ISSUES); `length` is the full count. */
  get items(): Issue[] {
    return this.kept;
  }

  /** A StudioError carrying these issues and their full count. */
  error(code: ErrorCode, message: string): StudioError {
    return new StudioError(code, message, { issues: this.kept, issuesTotal: this.count });
  }
}

/** Not allowed in the current state: `code` (a messages.ts code) says why. */
export function refused(code: string, message: string, params?: Record<string, string | number>): StudioError {
  return new StudioError('refused', message, { issues: [{ path: '(root)', code, ...(params ? { params } : {}) }] });
}
