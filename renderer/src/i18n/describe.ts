// Turning protocol errors and issues into sentences in the user's language.
import { hasMessage } from '../../../electron/core/protocol/messages.ts';
import type { Issue } from '../../../electron/core/protocol/errors.ts';
import { StudioCallError } from '../api/errors.ts';
import type { Translator } from './index.ts';

export function describeIssue(tr: Translator, issue: Issue): string {
  if (hasMessage(issue.code)) return tr.msg(issue.code, issue.params);
  // Schema issues (`too_big`, `invalid_type`…) have no seller-facing text; zod's English detail beats a bare code.
  const detail = issue.params?.detail;
  return typeof detail === 'string' ? detail : issue.code;
}

export function describeError(tr: Translator, error: unknown): string {
  if (error instanceof StudioCallError) {
    // A refusal says why in its first issue (`session_bag_empty`, `capability_files`…): that reason is the message.
    const reason = error.code === 'refused' || error.code === 'forbidden' ? error.issues[0] : undefined;
    if (reason) return describeIssue(tr, reason);
    return tr.msg(error.code, { count: error.issuesTotal ?? error.issues.length });
  }
  return error instanceof Error ? error.message : String(error);
}
