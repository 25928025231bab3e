// The console's header: which show, its state and clock, and the two big moments (go live, end the show).
// Go live with an empty bag looks disabled and says why beside it, but still asks the core when pressed —
// another assistant may have just added a product — and the core's refusal is shown right here.
import { useCan, useConnection } from '../../../stores/connection.ts';
import { useId, useState } from 'react';
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { isCallError } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { notify } from '../../../stores/notices.ts';
import { useRoute } from '../../../stores/route.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { useCall } from '../../../ui/useCall.ts';
import { Countdown, SessionClock, SessionTiming } from '../SessionTiming.tsx';
import { StateBadge } from '../StateBadge.tsx';

interface ConsoleHeaderProps {
  session: Session;
  bagSize: number;
  cueOpen: boolean;
  legendOpen: boolean;
  onEdit(): void;
  onToggleCue(): void;
  onToggleLegend(): void;
}

export function ConsoleHeader({
  session,
  bagSize,
  cueOpen,
  legendOpen,
  onEdit,
  onToggleCue,
  onToggleLegend,
}: ConsoleHeaderProps) {
  const tr = useT();
  const { t } = tr;
  const go = useRoute((s) => s.go);
  const reasonId = useId();
  const { call, busy } = useCall();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  /** A question before going live: far from the planned time, or nothing to broadcast to. */
  const [asking, setAsking] = useState<null | 'time' | 'destinations'>(null);
  const [confirmed, setConfirmed] = useState({ time: false, rehearse: false });
  const title = session.title || t('live.untitled');
  const bagEmpty = bagSize === 0;

  // Starting and ending the show are the host's unless a device was allowed them.
  const show = useCan('show');
  const role = useConnection((s) => s.hello?.role ?? 'host');

  // One 开播 for the show: the session and its stream (show.goLive). The core asks its two questions as refusals;
  // each is put to the host here and the call made again with the answer.
  async function goLive(answers = confirmed): Promise<void> {
    if (busy) return;
    setRefusal(null);
    const started = await call(
      'show.goLive',
      { sessionId: session.id, confirmTime: answers.time, rehearse: answers.rehearse },
      {
        onError: (message, error) => {
          const code = isCallError(error) ? error.issues[0]?.code : undefined;
          if (code === 'show_far_from_plan') setAsking('time');
          else if (code === 'show_no_destinations') setAsking('destinations');
          else setRefusal(message);
        },
      },
    );
    if (!started) return;
    setConfirmed({ time: false, rehearse: false });
    notify('success', t(started.broadcasting ? 'live.wentLive' : 'live.wentLiveRehearsal', { title }));
  }

  function answer(next: { time?: boolean; rehearse?: boolean }): void {
    const answers = { ...confirmed, ...next };
    setConfirmed(answers);
    setAsking(null);
    void goLive(answers);
  }

  async function end(): Promise<void> {
    if (busy) return;
    if (!(await call('show.end', { sessionId: session.id }))) return;
    notify('success', t('live.ended', { title }));
    setConfirmingEnd(false);
  }

  return (
    <header className="console-header">
      <a
        className="console-header__back"
        href="#/live"
        onClick={(e) => {
          e.preventDefault();
          go('live');
        }}
      >
        ‹ {t('live.allSessions')}
      </a>
      <div className="console-header__row">
        <h1 id="live-console-title" className="console-header__title">
          {title}
        </h1>
        <StateBadge state={session.state} />
        {session.state === 'live' && session.startedAt !== null ? (
          <SessionClock startedAt={session.startedAt} label={t('live.clockLabel')} />
        ) : session.state === 'planned' ? (
          <Countdown plannedAt={session.plannedAt} />
        ) : (
          <SessionTiming session={session} />
        )}
        <div className="console-header__actions">
          <Button
            size="small"
            variant="ghost"
            className="console-header__legend"
            onClick={onToggleLegend}
            aria-pressed={legendOpen}
            aria-keyshortcuts="?"
          >
            {t('live.hotkeys')} <kbd>?</kbd>
          </Button>
          <Button size="small" onClick={onToggleCue} aria-pressed={cueOpen} aria-keyshortcuts="F">
            {t('live.cueCard')} <kbd>F</kbd>
          </Button>
          {session.state !== 'ended' ? (
            <Button size="small" onClick={onEdit}>
              {t('live.edit')}
            </Button>
          ) : null}
          {session.state === 'planned' && show ? (
            <Button
              variant="danger"
              className={`go-live-button ${bagEmpty ? 'is-unready' : ''}`}
              aria-disabled={bagEmpty || busy ? true : undefined}
              aria-describedby={bagEmpty ? reasonId : undefined}
              onClick={() => void goLive()}
            >
              {t('live.goLive')}
            </Button>
          ) : null}
          {session.state === 'live' && show ? (
            <Button variant="danger" onClick={() => setConfirmingEnd(true)}>
              {t('live.endShow')}
            </Button>
          ) : null}
        </div>
      </div>
      {session.state === 'planned' && bagEmpty ? (
        <p id={reasonId} className="console-header__reason">
          {t('live.goLiveNeedsBag')}
        </p>
      ) : null}
      {refusal && session.state === 'planned' ? (
        <div className="callout callout--danger" role="alert" data-testid="go-live-refusal">
          <p className="callout__title">{t('live.goLiveRefused')}</p>
          <p>{refusal}</p>
        </div>
      ) : null}
      {confirmingEnd ? (
        <ConfirmDialog
          title={t('live.endConfirmTitle')}
          confirmLabel={t('live.endShow')}
          danger
          busy={busy}
          onConfirm={() => void end()}
          onCancel={() => setConfirmingEnd(false)}
        >
          <p>{t('live.endConfirmBody', { title })}</p>
          <p>{t('live.endStopsStream')}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'time' ? (
        <ConfirmDialog
          title={t('live.farFromPlanTitle')}
          confirmLabel={t('live.goLiveNow')}
          onConfirm={() => answer({ time: true })}
          onCancel={() => setAsking(null)}
        >
          <p>
            {t('live.farFromPlanBody', {
              planned: session.plannedAt ? new Date(session.plannedAt).toLocaleString(tr.locale) : '',
            })}
          </p>
        </ConfirmDialog>
      ) : null}
      {asking === 'destinations' ? (
        <ConfirmDialog
          title={t('live.noDestinationsTitle')}
          confirmLabel={t('live.rehearse')}
          onConfirm={() => answer({ rehearse: true })}
          onCancel={() => setAsking(null)}
        >
          <p>{t('live.noDestinationsBody')}</p>
          {role === 'host' ? (
            <p>
              <a
                href="#/stream"
                onClick={(e) => {
                  e.preventDefault();
                  setAsking(null);
                  go('stream');
                }}
              >
                {t('live.setUpDestination')}
              </a>
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </header>
  );
}
