// The capture lost mid-show (a camera unplugged, a driver that hangs): the core keeps the show going on the
// silent test pattern, so nothing ends by itself and the host may not notice. Hence a banner on the stream screen
// and a compact notice on the live console, each with the one button that helps: switch back to the chosen
// source. They are alerts when they appear; their text changes only when the situation does (the state arrives
// every second), so a screen reader is not told again and again.
import { useEffect, useId, useRef } from 'react';
import type { StreamSettings, StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT, type Locale, type MessageKey } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useStream } from '../../stores/stream.ts';
import { Button } from '../Button.tsx';
import { useCall } from '../useCall.ts';
import { streamCalls } from '../../stores/stream-calls.ts';
import { dateFormat } from '../../i18n/dates.ts';

/** The chosen source as the host thinks of it: the camera, else the microphone, else "the picture source". */
function chosenSource(source: StreamSettings['source']): MessageKey {
  if (source.kind === 'device' && source.video !== null) return 'stream.sourceLost.camera';
  if (source.kind === 'device' && source.audio !== null) return 'stream.sourceLost.microphone';
  return 'stream.sourceLost.source';
}

/** `20:14:05`: when it happened, to the second (the host may need to tell viewers or cut the recording). */
function timeOfDay(locale: Locale, ms: number): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
}

function onStandIn(state: StreamState | null): state is StreamState {
  const running = state?.phase === 'live' || state?.phase === 'starting' || state?.phase === 'stopping';
  return running && state.source.fallback;
}

/** Says so when the show is back on the chosen source (the banner and its button are gone: focus is lost). */
function useBackNotice(state: StreamState | null): void {
  const { t } = useT();
  const wasOnStandIn = useRef(false);
  const now = onStandIn(state);
  const live = state?.phase === 'live';
  const what = state ? t(chosenSource(state.settings.source)) : '';
  useEffect(() => {
    const was = wasOnStandIn.current;
    wasOnStandIn.current = now;
    if (was && !now && live) notify('success', t('stream.sourceLost.restored', { what }));
  }, [now, live, what, t]);
}

/** The switch-back button (kept focusable while trying, so the keyboard stays put) and a failed try's reason. */
function RestoreControls({ state, what }: { state: StreamState; what: string }) {
  const { t } = useT();
  const { run, busy: calling } = useCall();
  const { restoring, restoreFailed } = state.source;
  const waiting = calling || restoring || state.phase !== 'live';

  async function restore(): Promise<void> {
    if (waiting) return;
    await run(() => streamCalls.restoreSource());
  }

  return (
    <>
      {restoreFailed && !restoring ? (
        <p className="stream-source-lost__failed" role="alert" data-testid="restore-failed">
          {t('stream.sourceLost.restoreFailed', { what })}
        </p>
      ) : null}
      <div className="callout__actions">
        <Button
          size="small"
          variant="primary"
          className="stream-source-lost__restore"
          aria-disabled={waiting ? true : undefined}
          onClick={() => void restore()}
        >
          {restoring || calling ? t('stream.sourceLost.restoring') : t('stream.sourceLost.restore', { what })}
        </Button>
      </div>
    </>
  );
}

/** The stream screen's banner: what happened, when, what viewers see, and the way back. */
export function SourceLostBanner({ state }: { state: StreamState }) {
  const { t, locale } = useT();
  const titleId = useId();
  useBackNotice(state);
  if (!onStandIn(state)) return null;
  const { lostAt, lostReason } = state.source;
  const what = t(chosenSource(state.settings.source));
  return (
    <section
      className="callout callout--danger stream-source-lost"
      aria-labelledby={titleId}
      data-testid="source-lost"
      data-reason={lostReason ?? undefined}
    >
      <p id={titleId} className="callout__title" role="alert">
        {t('stream.sourceLost.body', {
          what,
          reason: t(lostReason === 'stalled' ? 'stream.sourceLost.stalled' : 'stream.sourceLost.exited'),
          time: lostAt === null ? '—' : timeOfDay(locale, lostAt),
        })}
      </p>
      <RestoreControls state={state} what={what} />
    </section>
  );
}

/** The live console's one-line version (host only: an assistant's window has no stream state). */
export function SourceLostNotice() {
  const { t } = useT();
  const state = useStream((s) => s.state);
  useBackNotice(state);
  if (!onStandIn(state)) return null;
  return (
    <div className="callout callout--danger stream-source-lost is-compact" data-testid="source-lost-console">
      <p className="callout__title" role="alert">
        {t('stream.sourceLost.short')}
      </p>
      <RestoreControls state={state} what={t(chosenSource(state.settings.source))} />
    </div>
  );
}
