// The stream of the running show, in the console (the host's window): the health numbers (time live, frame rate,
// what goes out, dropped frames) and each destination's state, so nobody has to switch screens mid-show. Assistants'
// windows never get stream state (host only): they see the LIVE clock in the top bar.
import { useT } from '../../../i18n/index.ts';
import { usePreflight } from '../../../stores/preflight.ts';
import { useRoute } from '../../../stores/route.ts';
import { useStream } from '../../../stores/stream.ts';
import { Button } from '../../../ui/Button.tsx';
import { AudioBar } from '../../../ui/stream/AudioBar.tsx';
import { HealthStrip } from '../../../ui/stream/HealthStrip.tsx';
import { summaryKey } from '../../../ui/stream/preflight-summary.ts';

/** Before the show (host only): what the last pre-flight check found, and the way to it on the stream screen. */
export function ConsolePreflight() {
  const { t } = useT();
  const streaming = useStream((s) => s.state !== null && s.state.phase !== 'idle');
  const host = useStream((s) => s.state !== null);
  const report = usePreflight((s) => s.report);
  const go = useRoute((s) => s.go);
  if (!host || streaming) return null;
  const level = report && !report.running ? report.level : null;
  return (
    <p className="console-preflight muted" data-testid="console-preflight" data-level={level ?? 'none'}>
      {level ? t(summaryKey(level)) : t('preflight.console.never')}{' '}
      <Button size="small" onClick={() => go('stream')}>
        {t('preflight.console.open')}
      </Button>
    </p>
  );
}

export function ConsoleStream() {
  const { t } = useT();
  const state = useStream((s) => s.state);
  if (!state || (state.phase !== 'live' && state.phase !== 'starting')) return null;
  return (
    <section className="console-stream" data-testid="console-stream" aria-label={t('show.destinations')}>
      <HealthStrip state={state} />
      <AudioBar state={state} />
      <ul className="console-stream__destinations">
        {state.destinations
          .filter((d) => d.enabled)
          .map((d) => {
            const phase = d.live?.phase ?? 'connecting';
            return (
              <li key={d.id} data-testid="console-destination" data-phase={phase}>
                <span className={`show-status__dot is-${phase}`} aria-hidden="true" /> {d.name}:{' '}
                {t(`show.phase.${phase}` as 'show.phase.live')}
              </li>
            );
          })}
      </ul>
    </section>
  );
}
