// The session dialog's values as typed, and what to send: a whole input for a new session, only the
// changed fields (against the version it was based on) for an edit.
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import type { Session, SessionInput } from '../../../../../electron/core/protocol/contract.ts';
import { fromLocalInput, toLocalInput } from '../format.ts';

export interface SessionFormValues {
  title: string;
  plannedAt: string;
  coverImageId: string | null;
  notes: string;
  promoLink: string;
}

export type SessionField = keyof SessionFormValues;
export const SESSION_FIELDS: readonly SessionField[] = ['title', 'plannedAt', 'coverImageId', 'notes', 'promoLink'];

export function formFromSession(session: Session | null): SessionFormValues {
  return {
    title: session?.title ?? '',
    plannedAt: toLocalInput(session?.plannedAt ?? null),
    coverImageId: session?.coverImageId ?? null,
    notes: session?.notes ?? '',
    promoLink: session?.promoLink ?? '',
  };
}

export function parseSessionForm(values: SessionFormValues): {
  input: SessionInput | null;
  issues: Partial<Record<SessionField, Issue>>;
} {
  const issues: Partial<Record<SessionField, Issue>> = {};
  const title = values.title.trim();
  if (!title) issues.title = { path: 'title', code: 'required' };
  // A datetime-local input yields a whole value or nothing, so there is nothing to reject here.
  const plannedAt = fromLocalInput(values.plannedAt);
  if (Object.keys(issues).length > 0) return { input: null, issues };
  return {
    input: {
      title,
      plannedAt,
      coverImageId: values.coverImageId,
      notes: values.notes.trim(),
      promoLink: values.promoLink.trim() || null,
    },
    issues,
  };
}

export function sessionPatch(input: SessionInput, base: Session): Partial<SessionInput> {
  const patch: Partial<SessionInput> = {};
  if (input.title !== base.title) patch.title = input.title;
  if ((input.plannedAt ?? null) !== base.plannedAt) patch.plannedAt = input.plannedAt ?? null;
  if ((input.coverImageId ?? null) !== base.coverImageId) patch.coverImageId = input.coverImageId ?? null;
  if ((input.notes ?? '') !== base.notes) patch.notes = input.notes ?? '';
  if ((input.promoLink ?? null) !== base.promoLink) patch.promoLink = input.promoLink ?? null;
  return patch;
}

/** The core's issue paths (`input.promoLink`, `patch.title`, `promoLink`) onto the dialog's fields. */
export function issuesByField(issues: readonly Issue[]): {
  fields: Partial<Record<SessionField, Issue>>;
  other: Issue[];
} {
  const fields: Partial<Record<SessionField, Issue>> = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const key = issue.path.split('.').at(-1) ?? '';
    const field = SESSION_FIELDS.find((f) => f === key);
    if (field && !fields[field]) fields[field] = issue;
    else if (!field) other.push(issue);
  }
  return { fields, other };
}
