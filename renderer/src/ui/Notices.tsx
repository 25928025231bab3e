// The notice area: successes are announced politely, errors as alerts and stay until dismissed.
import { useNotices } from '../stores/notices.ts';
import { useT } from '../i18n/index.ts';

type Notice = ReturnType<typeof useNotices.getState>['notices'][number];

function NoticeItem({ notice, onDismiss, label }: { notice: Notice; onDismiss(): void; label: string }) {
  return (
    <div className={`notice notice--${notice.kind}`}>
      <span className="notice__text">{notice.text}</span>
      <button type="button" className="btn btn--ghost btn--icon" aria-label={label} onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  const { t } = useT();
  const item = (n: Notice) => (
    <NoticeItem key={n.id} notice={n} onDismiss={() => dismiss(n.id)} label={t('notice.dismiss')} />
  );
  return (
    <div className="notices" aria-label={t('notice.region')}>
      <div role="status" aria-live="polite" className="notices__list">
        {notices.filter((n) => n.kind !== 'error').map(item)}
      </div>
      <div role="alert" className="notices__list">
        {notices.filter((n) => n.kind === 'error').map(item)}
      </div>
    </div>
  );
}
