// 整场合集 in the show report: the recorded explanations in playing order (each put in or left out, moved up or
// down), the length against 视频号's 30 minutes as the choice changes, an optional lower-third, and the video made
// as a job; then its description (chapters and links) to copy, and the video to play or download.
import { useEffect, useRef, useState } from 'react';
import type { ClipPlanView } from '../../../../electron/core/protocol/clip-schemas.ts';
import type { Job } from '../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { downloadUrl } from '../../ui/file-transfer.ts';
import { clockShort } from '../../ui/clock.ts';
import { useCall } from '../../ui/useCall.ts';
import { ClipsJobProgress } from './ClipsJobProgress.tsx';
import { ClipPlayer } from './ClipPlayer.tsx';
import { useClipsJob } from './useClipsJob.ts';

/** 视频号's longest video. */
const MAX_MS = 30 * 60 * 1000;

interface ReelPanelProps {
  sessionId: number;
  plans: readonly ClipPlanView[];
  /** Changes when the show's clips change (a deletion takes the long video too): what was made is asked again. */
  refreshKey: unknown;
  nameOf(plan: ClipPlanView): string;
}

const keyOf = (plan: ClipPlanView) => plan.segmentIds.join(',');

export function ReelPanel({ sessionId, plans, refreshKey, nameOf }: ReelPanelProps) {
  const tr = useT();
  const { t } = tr;
  const recorded = plans.filter((p) => p.recordedMs > 0 && !p.waiting);
  // The playing order (keys of explanations) and what is left out; new explanations join at the end, put in.
  const [order, setOrder] = useState<string[]>([]);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [lowerThird, setLowerThird] = useState(false);
  // The long video made last (now, or before this page was opened): its description, or null when there is none.
  const [made, setMade] = useState<{ description: string | null } | null>(null);
  const [playing, setPlaying] = useState(false);
  const reel = useClipsJob('clips.reel', (job: Job) =>
    setMade({ description: String(job.summary?.description ?? '') }),
  );
  const { call } = useCall();
  useEffect(() => {
    let live = true;
    // None made yet is a refusal too: nothing to say, and no description to show.
    void call('clips.reelFile', { sessionId }, { onError: () => undefined }).then((found) => {
      if (live) setMade({ description: found?.description ?? null });
    });
    return () => {
      live = false;
    };
  }, [call, sessionId, refreshKey]);
  const description = made?.description ?? null;
  // After a move, the focus stays on the moved explanation's button (or its other one at the end of the list).
  const focusAfter = useRef<{ key: string; dir: 'up' | 'down' } | null>(null);
  useEffect(() => {
    const wanted = focusAfter.current;
    if (!wanted) return;
    focusAfter.current = null;
    const item = document.querySelector(`[data-reel-key="${CSS.escape(wanted.key)}"]`);
    const other = wanted.dir === 'up' ? 'down' : 'up';
    const button =
      item?.querySelector<HTMLButtonElement>(`button[data-move="${wanted.dir}"]:not(:disabled)`) ??
      item?.querySelector<HTMLButtonElement>(`button[data-move="${other}"]`);
    button?.focus();
  });
  const known = new Map(recorded.map((p) => [keyOf(p), p]));
  const list = [
    ...order.filter((key) => known.has(key)),
    ...recorded.map(keyOf).filter((key) => !order.includes(key)),
  ].map((key) => known.get(key)!);
  const chosen = list.filter((p) => !left.has(keyOf(p)));
  const lengthMs = chosen.reduce((sum, p) => sum + p.recordedMs, 0);
  const tooLong = lengthMs > MAX_MS;
  if (recorded.length === 0) return null;

  const move = (index: number, by: -1 | 1) => {
    const keys = list.map(keyOf);
    const [key] = keys.splice(index, 1);
    keys.splice(index + by, 0, key!);
    focusAfter.current = { key: key!, dir: by < 0 ? 'up' : 'down' };
    setOrder(keys);
  };
  const toggle = (key: string) => {
    const next = new Set(left);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setLeft(next);
  };
  const make = () => {
    void reel.start({
      sessionId,
      segmentIds: chosen.flatMap((p) => p.segmentIds),
      lowerThird,
      locale: tr.locale === 'en' ? 'en' : 'zh-CN',
    });
  };
  const copy = () => {
    navigator.clipboard.writeText(description ?? '').then(
      () => notify('success', t('clips.reelCopied')),
      (error: unknown) => notify('error', describeError(tr, error)),
    );
  };
  const download = async () => {
    const file = await call('clips.reelFile', { sessionId });
    if (file) downloadUrl(file.url, file.fileName);
  };

  return (
    <section className="reel-panel" aria-labelledby="reel-title" data-testid="reel-panel">
      <h3 id="reel-title" className="clips-section__subtitle">
        {t('clips.reelTitle')}
      </h3>
      <p className="muted">{t('clips.reelWhere')}</p>
      <ol className="reel-list" aria-label={t('clips.reelList')}>
        {list.map((plan, i) => {
          const key = keyOf(plan);
          const name = nameOf(plan);
          return (
            <li key={key} className="reel-list__item" data-reel-key={key}>
              <label>
                <input
                  type="checkbox"
                  checked={!left.has(key)}
                  disabled={reel.running}
                  onChange={() => toggle(key)}
                  aria-label={t('clips.reelPick', { name })}
                />{' '}
                {name} <span className="muted">{clockShort(plan.recordedMs)}</span>
              </label>
              <span className="reel-list__moves">
                <Button
                  size="small"
                  variant="ghost"
                  disabled={reel.running || i === 0}
                  data-move="up"
                  onClick={() => move(i, -1)}
                  aria-label={t('clips.reelUp', { name })}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  variant="ghost"
                  disabled={reel.running || i === list.length - 1}
                  data-move="down"
                  onClick={() => move(i, 1)}
                  aria-label={t('clips.reelDown', { name })}
                >
                  ↓
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      <p
        className={tooLong ? 'callout callout--danger' : 'muted'}
        role={tooLong ? 'alert' : undefined}
        data-testid="reel-length"
      >
        {chosen.length === 0
          ? t('clips.reelNone')
          : tooLong
            ? t('clips.reelTooLong', { length: clockShort(lengthMs), max: clockShort(MAX_MS) })
            : t('clips.reelLength', { length: clockShort(lengthMs), max: clockShort(MAX_MS) })}
      </p>
      <div className="clips-toolbar">
        <label className="clips-toolbar__option">
          <input
            type="checkbox"
            checked={lowerThird}
            disabled={reel.running}
            onChange={(e) => setLowerThird(e.target.checked)}
          />{' '}
          {t('clips.reelLowerThird')}
        </label>
        <Button variant="primary" disabled={reel.running || tooLong || chosen.length === 0} onClick={make}>
          {t('clips.reelMake')}
        </Button>
      </div>
      {reel.running ? (
        <ClipsJobProgress
          job={reel.job}
          starting={t('clips.reelMake')}
          cancelLabel={t('clips.reelCancel')}
          onCancel={reel.cancel}
          testId="reel-progress"
        />
      ) : null}
      {description !== null ? (
        <div className="reel-result">
          <label className="reel-result__label" htmlFor="reel-description">
            {t('clips.reelDescription')}
          </label>
          <textarea id="reel-description" className="reel-result__text" readOnly value={description} rows={8} />
          <div className="clips-toolbar">
            <Button onClick={copy}>{t('clips.reelCopy')}</Button>
            <Button variant="primary" onClick={() => setPlaying(true)}>
              {t('clips.reelPlay')}
            </Button>
            <Button onClick={() => void download()}>{t('clips.reelDownload')}</Button>
          </div>
        </div>
      ) : null}
      {playing ? (
        <ClipPlayer
          title={t('clips.reelPlayTitle', { name: t('clips.reelTitle') })}
          source={{ method: 'clips.reelFile', params: { sessionId } }}
          onClose={() => setPlaying(false)}
        />
      ) : null}
    </section>
  );
}
