// A refused or missing token: nothing else can work, so say what to do instead of showing an empty studio.
import { AssistantRefusedHint } from '../features/access/AssistantRefusedHint.tsx';
import { useT } from '../i18n/index.ts';
import { Icon } from '../ui/Icon.tsx';

export function UnauthorizedScreen() {
  const { t, msg } = useT();
  return (
    <main className="unauthorized" data-testid="unauthorized">
      <div className="unauthorized__card" role="alert">
        <Icon name="lock" size={36} className="unauthorized__icon" />
        <h1>{t('conn.unauthorizedTitle')}</h1>
        <p>{msg('unauthorized')}</p>
        <AssistantRefusedHint />
      </div>
    </main>
  );
}
