// The one error type a call rejects with: the protocol's error shape, plus `disconnected` for calls the
// connection dropped before a reply arrived (their outcome is unknown, so stores refetch after reconnecting).
import type { ErrorCode, Issue, StudioErrorShape } from '../../../electron/core/protocol/errors.ts';

export type CallErrorCode = ErrorCode | 'disconnected';

export class StudioCallError extends Error {
  readonly code: CallErrorCode;
  readonly issues: Issue[];
  /** How many issues there were when `issues` holds only the first (the studio sends at most a hundred). */
  readonly issuesTotal: number | undefined;
  readonly current: unknown;
  readonly method: string;

  constructor(
    method: string,
    shape: { code: CallErrorCode; message: string; issues?: Issue[]; issuesTotal?: number; current?: unknown },
  ) {
    super(`${method}: ${shape.message}`);
    this.name = 'StudioCallError';
    this.method = method;
    this.code = shape.code;
    this.issues = shape.issues ?? [];
    this.issuesTotal = shape.issuesTotal;
    this.current = shape.current;
  }

  static fromShape(method: string, shape: StudioErrorShape): StudioCallError {
    return new StudioCallError(method, shape);
  }
}

export function isCallError(error: unknown, code?: CallErrorCode): error is StudioCallError {
  return error instanceof StudioCallError && (code === undefined || error.code === code);
}
