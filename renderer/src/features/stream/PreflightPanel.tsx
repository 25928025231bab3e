// 开播前检查: the pre-flight check before a show — devices, room for the recording, each destination reached and
// the upload measured — each finding on its own line as it comes in, with what to do about it. Keyboard: one
// button; the lines are a list a screen reader reads in order, the summary a live region.
import type {
  CheckLevel,
  Preflight,
  PreflightDestination,
} from '../../../../electron/core/protocol/preflight-schemas.ts';
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT, type Translator } from '../../i18n/index.ts';
import { usePreflight } from '../../stores/preflight.ts';
import { Button } from '../../ui/Button.tsx';
import { reasonText } from './describe.ts';
import { bytesText, kbpsText } from '../../ui/stream/rates.ts';
import { summaryKey } from '../../ui/stream/preflight-summary.ts';

const MARK: Record<CheckLevel, string> = { ok: '✓', warn: '!', fail: '✕', pending: '…', skipped: '–' };

function Line({
  level,
  title,
  children,
  testId,
}: {
  level: CheckLevel;
  title: string;
  children: React.ReactNode;
  testId: string;
}) {
  const { t } = useT();
  return (
    <li className={`preflight__line is-${level}`} data-testid={testId} data-level={level}>
      <span className="preflight__mark" aria-hidden="true">
        {MARK[level]}
      </span>
      <span className="visually-hidden">{t(`preflight.level.${level}`)}: </span>
      <span className="preflight__what">{title}</span>
      <span className="preflight__found">{children}</span>
    </li>
  );
}

function devicesText(tr: Translator, devices: Preflight['devices']): string {
  const { t } = tr;
  switch (devices.outcome) {
    case null:
      return '';
    case 'pattern':
      return t('preflight.devices.pattern');
    case 'found':
      return t('preflight.devices.found');
    case 'missing':
      return t('preflight.devices.missing', {
        names: devices.missing.map((d) => t(`preflight.devices.${d.kind}`, { name: d.name })).join('、'),
      });
    default:
      return reasonText(tr, devices.outcome) ?? '';
  }
}

function diskText(tr: Translator, disk: Preflight['disk']): string {
  if (!disk.recording) return tr.t('preflight.disk.off');
  if (disk.level === 'pending') return '';
  if (disk.freeBytes === null) return tr.t('preflight.disk.unknown');
  return tr.t('preflight.disk.free', {
    free: bytesText(tr.locale, disk.freeBytes),
    minutes: (disk.minutesLeft ?? 0).toLocaleString(tr.locale),
  });
}

function destinationText(tr: Translator, d: PreflightDestination): string {
  const { t, locale } = tr;
  if (d.level === 'pending') return t('preflight.dest.testing');
  if (d.outcome === 'no_test_clip') return t('preflight.dest.noClip');
  if (d.outcome !== 'reached' || d.measuredKbps === null) {
    return [reasonText(tr, d.outcome), d.detail].filter(Boolean).join(' — ');
  }
  const numbers = { measured: kbpsText(locale, d.measuredKbps), needed: kbpsText(locale, d.neededKbps) };
  const parts = [t(d.capped ? 'preflight.dest.capped' : 'preflight.dest.rate', numbers)];
  if (d.level === 'warn') parts.push(t('preflight.dest.thin'));
  if (d.level === 'fail') parts.push(t('preflight.dest.slow'));
  if (d.estimated) parts.push(t('preflight.dest.estimated'));
  return parts.join(' ');
}

export function PreflightPanel({ state }: { state: StreamState }) {
  const tr = useT();
  const { t, locale } = tr;
  const report = usePreflight((s) => s.report);
  const error = usePreflight((s) => s.error);
  const running = report?.running ?? false;
  const live = state.phase !== 'idle' && state.phase !== 'failed';
  const refusePlatforms = state.destinations.some(
    (d) => d.enabled && (d.platform === 'douyin' || d.platform === 'kuaishou'),
  );

  return (
    <section className="stream-panel preflight" aria-labelledby="preflight-title" data-testid="preflight">
      <header className="stream-panel__header">
        <h2 id="preflight-title" className="stream-panel__title">
          {t('preflight.title')}
        </h2>
        <Button
          size="small"
          onClick={() => void usePreflight.getState().run()}
          disabled={running || live}
          aria-describedby="preflight-explain"
          title={live ? t('preflight.liveLocked') : undefined}
          data-testid="preflight-run"
        >
          {running ? t('preflight.running') : t(report ? 'preflight.again' : 'preflight.run')}
        </Button>
      </header>
      <p id="preflight-explain" className="muted preflight__explain">
        {t('preflight.explain')}
      </p>
      {error ? (
        <p className="callout callout--danger" role="alert">
          {describeError(tr, error)}
        </p>
      ) : null}
      {report ? (
        <>
          <p className="preflight__summary" role="status" data-testid="preflight-summary" data-level={report.level}>
            {t(summaryKey(report.level))}
          </p>
          <ul className="preflight__lines">
            <Line level={report.devices.level} title={t('preflight.devices')} testId="preflight-devices">
              {devicesText(tr, report.devices)}
            </Line>
            <Line level={report.disk.level} title={t('preflight.disk')} testId="preflight-disk">
              {diskText(tr, report.disk)}
            </Line>
            {report.destinations.map((d) => (
              <Line key={d.id} level={d.level} title={d.name} testId={`preflight-dest-${d.id}`}>
                {destinationText(tr, d)}
              </Line>
            ))}
            <Line level={report.upload.level} title={t('preflight.upload')} testId="preflight-upload">
              {report.destinations.length === 0
                ? t('preflight.upload.none')
                : report.upload.measuredKbps === null
                  ? ''
                  : t('preflight.upload.rate', {
                      measured: kbpsText(locale, report.upload.measuredKbps),
                      needed: kbpsText(locale, report.upload.neededKbps),
                      count: report.destinations.length,
                    })}
            </Line>
          </ul>
          {refusePlatforms ? <p className="muted preflight__hint">{t('preflight.hint.platforms')}</p> : null}
        </>
      ) : (
        <p className="muted">{t('preflight.never')}</p>
      )}
    </section>
  );
}
