// The rules a session's details must satisfy. State changes (go live, end) are decided in live-service.ts.
import type { Issue } from '../protocol/errors.ts';
import { StudioError } from '../protocol/errors.ts';
import type { Session, SessionInput } from '../protocol/live-schemas.ts';
import type { SessionFields } from './live-store.ts';

const blankToNull = (text: string | null | undefined): string | null => {
  const t = text?.trim();
  return t ? t : null;
};

/** The poster's QR code opens this link on a phone, so only a web address will do. */
export function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Merges a patch onto the current session (or defaults) and checks the result as a whole. */
export function sessionFields(
  input: Partial<SessionInput>,
  imageExists: (id: string) => boolean,
  current?: Session,
): SessionFields {
  const issues: Issue[] = [];
  const title = (input.title ?? current?.title ?? '').trim();
  if (!title) issues.push({ path: 'title', code: 'required' });

  const promoLink = input.promoLink !== undefined ? blankToNull(input.promoLink) : (current?.promoLink ?? null);
  if (promoLink !== null && !isWebLink(promoLink)) issues.push({ path: 'promoLink', code: 'promo_link_invalid' });

  const coverImageId = input.coverImageId !== undefined ? input.coverImageId : (current?.coverImageId ?? null);
  if (coverImageId !== null && !imageExists(coverImageId)) issues.push({ path: 'coverImageId', code: 'not_found' });

  if (issues.length > 0) throw new StudioError('invalid', 'session failed validation', { issues });
  return {
    title,
    coverImageId,
    plannedAt: input.plannedAt !== undefined ? input.plannedAt : (current?.plannedAt ?? null),
    notes: (input.notes ?? current?.notes ?? '').trim(),
    promoLink,
  };
}
