// One explanation's clip beside what it sold: the poster, the link and product, when it was explained, the clip's
// length (or why there is none), what sold while it was explained and in the whole show; play, download, cut.
import type { ClipPlanView, ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import type { SessionReport } from '../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../electron/core/protocol/money.ts';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { clockShort } from '../../ui/clock.ts';
import { ClipPoster } from './ClipPoster.tsx';

export interface ClipRowProps {
  /** The explanation as it would be cut now (absent for a joined clip, which is listed on its own). */
  plan: ClipPlanView | null;
  clip: ClipView | undefined;
  name: string;
  /** On the show's clock: when it was explained. */
  span: { from: number; to: number } | null;
  report: SessionReport | null;
  busy: boolean;
  onPlay(clip: ClipView): void;
  onDownload(clip: ClipView): void;
  onCut(segmentIds: number[]): void;
}

const seconds = (ranges: ReadonlyArray<readonly [number, number]>) =>
  Math.round(ranges.reduce((sum, [a, b]) => sum + b - a, 0) / 1000);

export function ClipRow({ plan, clip, name, span, report, busy, onPlay, onDownload, onCut }: ClipRowProps) {
  const { t } = useT();
  const segmentIds = clip?.segmentIds ?? plan?.segmentIds ?? [];
  const sold = report?.explanations.filter((e) => segmentIds.includes(e.segmentId)) ?? [];
  const product = report?.products.find((p) => p.productId === (clip?.productId ?? plan?.productId));
  const missing = seconds(clip?.missing ?? plan?.missing ?? []);
  const recorded = plan === null || plan.recordedMs > 0;
  return (
    <li className="clip-card" data-testid="clip-row">
      {clip ? <ClipPoster clip={clip} name={name} /> : <span className="clip-card__poster clip-card__poster--none" />}
      <div className="clip-card__body">
        <p className="clip-card__name">{name}</p>
        <p className="clip-card__meta muted">
          {span ? t('clips.span', { from: clockShort(span.from), to: clockShort(span.to) }) : null}
          {clip ? (
            <>
              {' · '}
              {t('clips.length', { length: clockShort(clip.durationMs) })}
              {' · '}
              {t(clip.mode === 'exact' ? 'clips.mode.exact' : 'clips.mode.copy')}
              {clip.vertical ? ` · ${t('clips.verticalTag')}` : null}
              {clip.segmentIds.length > 1 ? ` · ${t('clips.joinedTag', { count: clip.segmentIds.length })}` : null}
            </>
          ) : (
            ` · ${t('clips.notCut')}`
          )}
        </p>
        <p className="clip-card__sales">
          {t('clips.sold', {
            orders: sold.reduce((n, e) => n + e.orders, 0),
            paid: displayFen(sold.reduce((n, e) => n + e.paidFen, 0)),
          })}
          {product ? ` · ${t('clips.productSold', { units: product.units, paid: displayFen(product.paidFen) })}` : null}
        </p>
        {plan?.waiting ? <p className="clip-card__note">{t('clips.waiting')}</p> : null}
        {!recorded ? <p className="clip-card__note clip-card__note--warn">{t('clips.notRecorded')}</p> : null}
        {recorded && missing > 0 ? (
          <p className="clip-card__note clip-card__note--warn">{t('clips.missing', { seconds: missing })}</p>
        ) : null}
      </div>
      <div className="clip-card__actions">
        {clip ? (
          <>
            <Button
              size="small"
              variant="primary"
              onClick={() => onPlay(clip)}
              aria-label={`${t('clips.play')} ${name}`}
            >
              {t('clips.play')}
            </Button>
            <Button size="small" onClick={() => onDownload(clip)} aria-label={`${t('clips.download')} ${name}`}>
              {t('clips.download')}
            </Button>
          </>
        ) : null}
        {plan && recorded ? (
          <Button
            size="small"
            disabled={busy || plan.waiting}
            onClick={() => onCut(plan.segmentIds)}
            aria-label={`${t(clip ? 'clips.recut' : 'clips.cutOne')} ${name}`}
          >
            {t(clip ? 'clips.recut' : 'clips.cutOne')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
