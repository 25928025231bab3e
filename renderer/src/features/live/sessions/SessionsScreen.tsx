// 直播场次: every session, the live one first, then what is planned (with its countdown), then past shows.
// `N` opens a new session (when not typing), as on the product library.
import { useEffect, useState } from 'react';
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useLive } from '../../../stores/live.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { isTypingTarget, useWindowKeydown } from '../../../ui/keys.ts';
import { Screen } from '../../../ui/Screen.tsx';
import { SessionCard } from './SessionCard.tsx';
import { SessionDialog } from './SessionDialog.tsx';
import { LoadFailed } from '../../../ui/LoadFailed.tsx';

type Editing = { session: Session | null } | null;

export function SessionsScreen() {
  const { t } = useT();
  const sessions = useLive((s) => s.sessions);
  const loaded = useLive((s) => s.sessionsLoaded);
  const error = useLive((s) => s.sessionsError);
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    void useLive.getState().loadSessions();
  }, []);

  useWindowKeydown((event) => {
    if (editing || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      setEditing({ session: null });
    }
  });

  const newButton = (
    <Button variant="primary" onClick={() => setEditing({ session: null })} aria-keyshortcuts="N">
      + {t('live.newSession')}
    </Button>
  );

  return (
    <Screen name="live-sessions" title={t('live.sessionsTitle')} actions={newButton}>
      {error ? (
        <LoadFailed
          message={t('live.loadFailed', { message: error })}
          retryLabel={t('live.retry')}
          onRetry={() => void useLive.getState().loadSessions()}
        />
      ) : null}
      {!loaded && !error ? <p className="muted loading">{t('live.loading')}</p> : null}
      {loaded && sessions.length === 0 ? (
        <EmptyState title={t('live.emptyTitle')} actions={newButton}>
          <p>{t('live.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {sessions.length > 0 ? (
        <ul className="session-list" aria-label={t('live.sessionsTitle')}>
          {sessions.map((session) => (
            <SessionCard key={session.id} session={session} onEdit={() => setEditing({ session })} />
          ))}
        </ul>
      ) : null}
      {editing ? (
        <SessionDialog key={editing.session?.id ?? 'new'} session={editing.session} onClose={() => setEditing(null)} />
      ) : null}
    </Screen>
  );
}
