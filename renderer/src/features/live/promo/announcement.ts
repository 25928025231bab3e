// The ready-to-paste announcement (直播预告) for WeChat groups and Moments, in the language chosen for it
// (which need not be the UI's: a seller may announce to English-speaking buyers).
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { translate, type Locale } from '../../../i18n/index.ts';
import { dateTimeWithWeekday } from '../format.ts';

export function announcementText(session: Session, locale: Locale): string {
  const lines = [translate(locale, 'live.promo.heading', { title: session.title })];
  if (session.plannedAt !== null) {
    lines.push(translate(locale, 'live.promo.when', { when: dateTimeWithWeekday(locale, session.plannedAt) }));
  }
  if (session.notes.trim()) lines.push('', session.notes.trim());
  if (session.promoLink) lines.push('', translate(locale, 'live.promo.link', { link: session.promoLink }));
  return lines.join('\n');
}

/** `直播预告-春季上新.png`: a name the seller recognises in their downloads. */
export function posterFileName(session: Session, locale: Locale): string {
  const safe = session.title.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || String(session.id);
  return `${translate(locale, 'live.poster.filePrefix')}-${safe}.png`;
}
