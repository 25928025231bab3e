// The notice area: successes are announced politely, errors as alerts and stay until dismissed.
import { useNotices } from '../stores/notices.ts';
import { useT } from '../i18n/index.ts';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  const { t } = useT();
  return (
    <div className="notices" aria-label={t('notice.region')}>
      <div role="status" aria-live="polite" className="notices__list">
        {notices
          .filter((n) => n.kind !== 'error')
          .map((n) => (
            <div key={n.id} className={`notice notice--${n.kind}`}>
              <span className="notice__text">{n.text}</span>
              <button
                type="button"
                className="btn btn--ghost btn--icon"
                aria-label={t('notice.dismiss')}
                onClick={() => dismiss(n.id)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </div>
          ))}
      </div>
      <div role="alert" className="notices__list">
        {notices
          .filter((n) => n.kind === 'error')
          .map((n) => (
            <div key={n.id} className="notice notice--error">
              <span className="notice__text">{n.text}</span>
              <button
                type="button"
                className="btn btn--ghost btn--icon"
                aria-label={t('notice.dismiss')}
                onClick={() => dismiss(n.id)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
