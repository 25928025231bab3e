// 时间线: what happened in the show on its own clock — each explanation (link, product, from–to), each coupon
// push (pushed–stopped) and the show's log (going live, bag changes, the end) — in time order. It is what the
// seller reviews afterwards, and where a highlight clip would be cut from.
import type { BagItem, CouponPush, Segment } from '../../../../../electron/core/protocol/contract.ts';
import type { LogEntry, LogKind } from '../../../../../electron/core/protocol/live-schemas.ts';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { useCoupons } from '../../../stores/coupons.ts';
import { clockShort } from '../../../ui/clock.ts';
import { useState } from 'react';
import type { ClipView } from '../../../../../electron/core/protocol/clip-schemas.ts';
import { useConnection } from '../../../stores/connection.ts';
import { PlayClip } from '../../clips/ClipPlayer.tsx';
import { clipOf, sameSegments, useClips } from '../../clips/useClips.ts';

const LOG_TEXT: Record<LogKind, MessageKey> = {
  went_live: 'live.log.went_live',
  ended: 'live.log.ended',
  bag_added: 'live.log.bag_added',
  bag_removed: 'live.log.bag_removed',
  bag_moved: 'live.log.bag_moved',
  bag_listed: 'live.log.bag_listed',
  bag_delisted: 'live.log.bag_delisted',
  bag_sold_out: 'live.log.bag_sold_out',
  bag_back_in_stock: 'live.log.bag_back_in_stock',
  bag_renumbered: 'live.log.bag_renumbered',
};

type Entry =
  | { kind: 'explain'; key: string; at: number; until: number | null; segment: Segment }
  | { kind: 'coupon'; key: string; at: number; until: number | null; push: CouponPush }
  | { kind: 'log'; key: string; at: number; until: null; entry: LogEntry };

function entries(segments: Segment[], pushes: CouponPush[], log: LogEntry[]): Entry[] {
  const list: Entry[] = [
    ...segments.map((segment) => ({
      kind: 'explain' as const,
      key: `s${segment.id}`,
      at: segment.startClockMs,
      until: segment.endClockMs,
      segment,
    })),
    ...pushes.map((push) => ({
      kind: 'coupon' as const,
      key: `p${push.id}`,
      at: push.pushClockMs,
      until: push.stopClockMs,
      push,
    })),
    ...log.map((entry) => ({ kind: 'log' as const, key: `l${entry.id}`, at: entry.clockMs, until: null, entry })),
  ];
  // Same instant: the log (went live) first, then what it led to.
  const order = { log: 0, explain: 1, coupon: 2 } as const;
  return list.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind] || a.key.localeCompare(b.key));
}

interface TimelineProps {
  sessionId: number;
  segments: Segment[];
  pushes: CouponPush[];
  log: LogEntry[];
  bag: BagItem[];
}

export function Timeline({ sessionId, segments, pushes, log, bag }: TimelineProps) {
  const { t } = useT();
  // The host's window lists each ended explanation's clip as it is cut (the studio cuts them as they end).
  const isHost = useConnection((s) => s.hello?.role === 'host');
  const ended = segments.filter((s) => s.endClockMs !== null).length;
  const { data: clips } = useClips(sessionId, ended, isHost);
  const [playing, setPlaying] = useState<{ clip: ClipView; name: string } | null>(null);
  const coupons = useCoupons((s) => s.all);
  const couponName = (id: number) => coupons.find((c) => c.id === id)?.name ?? t('live.couponNo', { id });
  // A product that has left the bag is still named by the segments that explained it.
  const productTitle = (id: number) =>
    bag.find((item) => item.productId === id)?.product.title ??
    segments.find((s) => s.productId === id)?.title ??
    t('live.productNo', { id });
  const list = entries(segments, pushes, log);

  function what(entry: Entry) {
    if (entry.kind === 'explain') {
      const { segment } = entry;
      const clip = clips ? clipOf(clips.clips, [segment.id]) : undefined;
      const waiting = clips?.plans.find((p) => sameSegments(p.segmentIds, [segment.id]))?.waiting;
      const name = `${t('live.linkBadge', { no: segment.linkNo })} ${segment.title}`;
      return (
        <>
          <span className="timeline__link">{t('live.linkBadge', { no: segment.linkNo })}</span> {segment.title}
          {clip ? (
            <>
              {' '}
              <button
                type="button"
                className="timeline__clip"
                onClick={() => setPlaying({ clip, name })}
                aria-label={`${t('clips.inTimeline')} ${clockShort(clip.durationMs)} · ${name}`}
              >
                ▶ {t('clips.inTimeline')} {clockShort(clip.durationMs)}
              </button>
            </>
          ) : waiting ? (
            <span className="timeline__tag"> {t('clips.waiting')}</span>
          ) : null}
        </>
      );
    }
    if (entry.kind === 'coupon') {
      return (
        <>
          <span className="timeline__tag">{t('live.couponPushed')}</span> {couponName(entry.push.couponId)}
        </>
      );
    }
    const { kind, productId, linkNo } = entry.entry;
    return (
      <>
        <span className="timeline__event">{t(LOG_TEXT[kind])}</span>
        {linkNo !== null ? <span className="timeline__link"> {t('live.linkBadge', { no: linkNo })}</span> : null}
        {productId !== null ? <> {productTitle(productId)}</> : null}
      </>
    );
  }

  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="panel__title">
        {t('live.timeline')}
      </h2>
      {list.length === 0 ? (
        <p className="muted">{t('live.timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {list.map((entry) => (
            <li key={entry.key} className={`timeline__entry timeline__entry--${entry.kind}`}>
              <span className="timeline__time mono">
                {clockShort(entry.at)}
                {entry.kind === 'log' ? null : `–${entry.until === null ? t('live.ongoing') : clockShort(entry.until)}`}
              </span>
              <span className="timeline__what">{what(entry)}</span>
            </li>
          ))}
        </ol>
      )}
      {playing ? <PlayClip clip={playing.clip} name={playing.name} onClose={() => setPlaying(null)} /> : null}
    </section>
  );
}
