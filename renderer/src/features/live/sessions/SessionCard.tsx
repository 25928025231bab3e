// One session in the list: open it (the whole title is the link), see when it is, edit it.
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { Thumbnail } from '../../catalog/list/Thumbnail.tsx';
import { useT } from '../../../i18n/index.ts';
import { useRoute } from '../../../stores/route.ts';
import { Button } from '../../../ui/Button.tsx';
import { SessionTiming } from '../SessionTiming.tsx';
import { StateBadge } from '../StateBadge.tsx';

export function SessionCard({ session, onEdit }: { session: Session; onEdit(): void }) {
  const { t } = useT();
  const go = useRoute((s) => s.go);
  const title = session.title || t('live.untitled');
  return (
    <li className={`session-card session-card--${session.state}`} data-session-id={session.id}>
      <Thumbnail imageId={session.coverImageId} alt={t('live.coverAlt', { title })} />
      <div className="session-card__main">
        <a
          className="session-card__title"
          href={`#/live/${session.id}`}
          onClick={(e) => {
            e.preventDefault();
            go('live', String(session.id));
          }}
        >
          {title}
        </a>
        <div className="session-card__meta">
          <StateBadge state={session.state} />
          <SessionTiming session={session} />
          <span className="muted">{t('live.bagCount', { count: session.bagCount })}</span>
        </div>
      </div>
      {session.state !== 'ended' ? (
        <Button size="small" variant="ghost" onClick={onEdit} aria-label={t('live.editNamed', { title })}>
          {t('live.edit')}
        </Button>
      ) : null}
    </li>
  );
}
