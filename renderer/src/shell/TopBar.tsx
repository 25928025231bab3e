// Brand and connection state; while the link is down a banner says so (the studio keeps retrying).
import { useT } from '../i18n/index.ts';
import { useConnection } from '../stores/connection.ts';
import { ShowStatus } from './ShowStatus.tsx';

export function TopBar() {
  const { t } = useT();
  const status = useConnection((s) => s.status);
  const label =
    status === 'ready'
      ? t('conn.ready')
      : status === 'reconnecting'
        ? t('conn.reconnecting')
        : status === 'unauthorized'
          ? t('conn.unauthorized')
          : t('conn.connecting');
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__logo" aria-hidden="true">
          ●
        </span>
        <span>{t('app.name')}</span>
      </div>
      <ShowStatus />
      <div className={`conn conn--${status}`} data-testid="connection-state" data-status={status}>
        <span className="conn__dot" aria-hidden="true" />
        <span>{label}</span>
      </div>
    </header>
  );
}

export function ConnectionBanner() {
  const { msg } = useT();
  const status = useConnection((s) => s.status);
  const everConnected = useConnection((s) => s.everConnected);
  if (status !== 'reconnecting' || !everConnected) return null;
  return (
    <div className="banner banner--warning" role="alert" data-testid="disconnected-banner">
      {msg('disconnected')}
    </div>
  );
}
