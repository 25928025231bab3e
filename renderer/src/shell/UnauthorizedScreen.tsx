// A refused or missing token: nothing else can work, so say what to do instead of showing an empty studio.
import { useT } from '../i18n/index.ts';

export function UnauthorizedScreen() {
  const { t, msg } = useT();
  return (
    <main className="unauthorized" data-testid="unauthorized">
      <div className="unauthorized__card" role="alert">
        <div className="unauthorized__icon" aria-hidden="true">
          🔒
        </div>
        <h1>{t('conn.unauthorizedTitle')}</h1>
        <p>{msg('unauthorized')}</p>
      </div>
    </main>
  );
}
