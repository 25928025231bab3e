// The chart's key: this show's bars, the explanation bands, and one line per compared show in its colour (with
// "loading" or why it failed until its report is in).
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { showName } from './CompareShows.tsx';
import type { ComparedShow } from './useComparedReports.ts';

export function SalesLegend({
  compared,
  sessions,
}: {
  compared: readonly ComparedShow[];
  sessions: readonly Session[];
}) {
  const { t } = useT();
  return (
    <figcaption className="sales-chart__caption muted">
      <ul className="sales-chart__legend" aria-label={t('orders.report.legend')} data-testid="sales-chart-legend">
        <li>
          <span className="sales-chart__key sales-chart__key--bar" aria-hidden="true" />
          {t('orders.report.legendSales')}
        </li>
        <li>
          <span className="sales-chart__key sales-chart__key--band" aria-hidden="true" />
          {t('orders.report.legendSegments')}
        </li>
        {compared.map((c, i) => (
          <li key={c.sessionId} data-session-id={c.sessionId}>
            <span
              className={`sales-chart__key sales-chart__key--line sales-chart__key--compare-${i + 1}`}
              aria-hidden="true"
            />
            {showName(t, sessions, c.sessionId)}
            {c.error ? (
              <span className="sales-chart__legend-error">
                {' '}
                {t('orders.report.compareFailed', { message: c.error })}
              </span>
            ) : c.report ? null : (
              <span> {t('orders.loading')}</span>
            )}
          </li>
        ))}
      </ul>
    </figcaption>
  );
}
