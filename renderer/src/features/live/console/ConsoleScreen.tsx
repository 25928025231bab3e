// 直播中控: one session's console — what the assistant and host touch every minute. The header (state,
// clock, go live / end), the cue card, 快速录单, the bag, coupon pushes and the timeline; keys for everything.
// Before the show the announcement tools sit on top; after it, the bag and timeline stay to review and late
// orders can still be recorded.
import { useCan } from '../../../stores/connection.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { useLive } from '../../../stores/live.ts';
import { notify } from '../../../stores/notices.ts';
import { useRoute } from '../../../stores/route.ts';
import { Button } from '../../../ui/Button.tsx';
import { CouponPushPanel } from '../../coupons/CouponPushPanel.tsx';
import { OrderEntryPanel, type OrderEntryHandle } from '../../orders/entry/OrderEntryPanel.tsx';
import { SourceLostNotice } from '../../../ui/stream/SourceLost.tsx';
import { DiskNotice } from '../../../ui/stream/DiskNotice.tsx';
import { PromoPanel } from '../promo/PromoPanel.tsx';
import { SessionDialog } from '../sessions/SessionDialog.tsx';
import { useCall } from '../../../ui/useCall.ts';
import { BagPanel } from './BagPanel.tsx';
import { ConsoleHeader } from './ConsoleHeader.tsx';
import { ConsolePreflight, ConsoleStream } from './ConsoleStream.tsx';
import { CueCard } from './CueCard.tsx';
import { CueOverlay } from './CueOverlay.tsx';
import { HotkeyLegend } from './HotkeyLegend.tsx';
import { Timeline } from './Timeline.tsx';
import { useConsoleHotkeys } from './useConsoleHotkeys.ts';

export function ConsoleScreen({ sessionId }: { sessionId: number }) {
  const { t } = useT();
  const { call } = useCall();
  const detail = useLive((s) => (s.detail?.session.id === sessionId ? s.detail : null));
  const error = useLive((s) => s.detailError);
  const [cueOpen, setCueOpen] = useState(false);
  const [legendOpen, setLegendOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const orderEntry = useRef<OrderEntryHandle>(null);
  const takesOrders = useCan('orders');

  useEffect(() => {
    useLive.getState().open(sessionId);
    return () => useLive.getState().close();
  }, [sessionId]);

  const step = useCallback(
    async (direction: 'next' | 'previous') => {
      const result = await call('live.explainStep', { sessionId, direction });
      // null: already at the last (or first) listed product; say so rather than do nothing silently.
      if (result === null) notify('info', t(direction === 'next' ? 'live.atLast' : 'live.atFirst'));
    },
    [call, sessionId, t],
  );
  const stop = useCallback(() => void call('live.stopExplaining', { sessionId }), [call, sessionId]);

  const digits = useConsoleHotkeys({
    step: (direction) => void step(direction),
    stop,
    explainLink: (linkNo) => void call('live.explain', { sessionId, linkNo }),
    toggleCue: () => setCueOpen((open) => !open),
    toggleLegend: () => setLegendOpen((open) => !open),
    closeOverlays: () => {
      if (!cueOpen && !legendOpen) return false;
      setCueOpen(false);
      setLegendOpen(false);
      return true;
    },
    focusOrderEntry: (linkNo) => {
      // Not under the full-screen cue card: that screen faces the host, and the entry is hidden behind it.
      if (!orderEntry.current || cueOpen) return false;
      orderEntry.current.focus(linkNo);
      return true;
    },
  });

  if (!detail) {
    return (
      <section className="screen live-console" aria-label={t('live.console')}>
        <Button variant="ghost" onClick={() => useRoute.getState().go('live')}>
          ‹ {t('live.allSessions')}
        </Button>
        {error ? (
          <div className="callout callout--danger" role="alert">
            <p className="callout__title">{t('live.openFailed', { message: error })}</p>
            <Button size="small" onClick={() => void useLive.getState().refetchDetail()}>
              {t('live.retry')}
            </Button>
          </div>
        ) : (
          <p className="muted loading">{t('live.loading')}</p>
        )}
      </section>
    );
  }

  const { session, bag, explaining, segments, pushes } = detail;
  const live = session.state === 'live';
  return (
    <section className={`screen live-console live-console--${session.state}`} aria-labelledby="live-console-title">
      <ConsoleHeader
        session={session}
        bagSize={bag.length}
        cueOpen={cueOpen}
        legendOpen={legendOpen}
        onEdit={() => setEditing(true)}
        onToggleCue={() => setCueOpen((open) => !open)}
        onToggleLegend={() => setLegendOpen((open) => !open)}
      />
      {session.state === 'live' ? <ConsoleStream /> : session.state === 'planned' ? <ConsolePreflight /> : null}
      {digits ? (
        <p className="link-entry" role="status" data-testid="link-entry">
          {t('live.linkEntry', { link: t('live.linkNo', { no: digits }) })} <kbd>Enter</kbd>
        </p>
      ) : null}
      {/* The host's camera lost mid-show (the stream screen has the details): seen here too, where they are. */}
      <SourceLostNotice />
      <DiskNotice />
      {legendOpen ? <HotkeyLegend onClose={() => setLegendOpen(false)} /> : null}
      {session.state === 'planned' ? <PromoPanel session={session} /> : null}
      {/* One grid, four areas: the bag beside the cue card, coupons and timeline on wide screens; on a phone
          the cue card comes first and the rest follows in one column. */}
      <div className="live-console__grid">
        {live ? (
          <div className="live-console__cue">
            <CueCard detail={detail} variant="card" onStep={(d) => void step(d)} onStop={stop} />
          </div>
        ) : null}
        {session.state !== 'planned' && takesOrders ? (
          <div className="live-console__orders">
            <OrderEntryPanel ref={orderEntry} detail={detail} />
          </div>
        ) : null}
        <div className="live-console__bag">
          <BagPanel session={session} bag={bag} explaining={explaining} />
        </div>
        <div className="live-console__coupons">
          <CouponPushPanel sessionId={session.id} live={live} pushes={pushes} />
        </div>
        <div className="live-console__timeline">
          <Timeline sessionId={session.id} segments={segments} pushes={pushes} log={detail.log} bag={bag} />
        </div>
      </div>
      {cueOpen ? (
        <CueOverlay detail={detail} onStep={(d) => void step(d)} onStop={stop} onClose={() => setCueOpen(false)} />
      ) : null}
      {editing ? <SessionDialog session={session} onClose={() => setEditing(false)} /> : null}
    </section>
  );
}
