// 场次报表: one show's totals, products and coupons, and its sales over the show's clock beside what was being
// explained. Reached from the order log (with a session filter) or by its address, #/orders/report-<id>.
import { useT } from '../../../i18n/index.ts';
import { useOrders } from '../../../stores/orders.ts';
import { reportSpan } from '../format.ts';
import { useRoute } from '../../../stores/route.ts';
import { Button } from '../../../ui/Button.tsx';
import { Screen } from '../../../ui/Screen.tsx';
import { CouponTable, MinuteTable, ProductTable, ReportTotals, SegmentTable } from './ReportTables.tsx';
import { SalesChart } from './SalesChart.tsx';
import { useSessionReport } from './useSessionReport.ts';
import { ClipsSection } from '../../clips/ClipsSection.tsx';
import { useConnection } from '../../../stores/connection.ts';

export function SessionReportView({ sessionId }: { sessionId: number }) {
  const { t } = useT();
  const { data, error } = useSessionReport(sessionId);
  const go = useRoute((s) => s.go);
  // The clips are files on the host's disk: its own window plays and exports them (assistants see the sales).
  const isHost = useConnection((s) => s.hello?.role === 'host');
  const session = data?.detail.session;
  const backToLog = () => {
    // Back to the log showing this show's orders, whichever way the report was reached.
    if (useOrders.getState().form.sessionId !== sessionId) useOrders.getState().setForm({ sessionId });
    go('orders');
  };
  const durationMs =
    data && session?.startedAt != null ? Math.max(0, (session.endedAt ?? data.loadedAt) - session.startedAt) : 0;
  const spanMs = data ? reportSpan(data.report, data.detail.segments, durationMs) : 0;

  return (
    <Screen
      name="orders-report"
      title={
        session ? t('orders.report.titleNamed', { title: session.title || `#${session.id}` }) : t('orders.report.title')
      }
      actions={
        <Button onClick={backToLog}>
          <span aria-hidden="true">← </span>
          {t('orders.report.back')}
        </Button>
      }
    >
      {error ? (
        <p className="callout callout--danger" role="alert">
          {t('orders.report.loadFailed', { message: error })}
        </p>
      ) : null}
      {!data && !error ? <p className="muted loading">{t('orders.loading')}</p> : null}
      {data ? (
        <>
          <ReportTotals report={data.report} />
          <section className="report-section" aria-labelledby="report-chart-title">
            <h2 id="report-chart-title" className="report-section__title">
              {t('orders.report.chartTitle')}
            </h2>
            <SalesChart report={data.report} segments={data.detail.segments} durationMs={durationMs} />
            <MinuteTable report={data.report} spanMs={spanMs} />
            <SegmentTable segments={data.detail.segments} spanMs={spanMs} report={data.report} />
          </section>
          <ProductTable report={data.report} />
          <CouponTable report={data.report} />
          {isHost ? <ClipsSection sessionId={sessionId} segments={data.detail.segments} report={data.report} /> : null}
        </>
      ) : null}
    </Screen>
  );
}
