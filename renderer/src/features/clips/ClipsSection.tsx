// 讲解回放 in the show report: every ended explanation with its clip beside what it sold; cutting (all, the ones
// not cut yet, or one) as a job with its progress and cancel; playing; exporting to a folder; deleting the show's
// clips (the recording stays) after asking.
import { useState } from 'react';
import type { ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import type { Segment, SessionReport } from '../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { downloadUrl } from '../../ui/file-transfer.ts';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useCall } from '../../ui/useCall.ts';
import { ClipsJobProgress } from './ClipsJobProgress.tsx';
import { PlayClip } from './ClipPlayer.tsx';
import { ClipRow } from './ClipRow.tsx';
import { ReelPanel } from './ReelPanel.tsx';
import { exportClips } from './exportClips.ts';
import { clipOf, sameSegments, useClips } from './useClips.ts';
import { useClipsJob } from './useClipsJob.ts';

interface ClipsSectionProps {
  sessionId: number;
  segments: readonly Segment[];
  report: SessionReport | null;
}

export function ClipsSection({ sessionId, segments, report }: ClipsSectionProps) {
  const tr = useT();
  const { t } = tr;
  const ended = segments.filter((s) => s.endClockMs !== null).length;
  const { data, error } = useClips(sessionId, ended);
  const cut = useClipsJob('clips.cut');
  const [options, setOptions] = useState({ exact: false, join: false, vertical: false });
  const [playing, setPlaying] = useState<{ clip: ClipView; name: string } | null>(null);
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const [askingDelete, setAskingDelete] = useState(false);
  const { call } = useCall();
  const deleting = useCall();
  const clips = data?.clips ?? [];
  const plans = data?.plans ?? [];
  const busy = cut.running || exporting !== null;

  const nameOf = (linkNo: number | null, title: string) =>
    linkNo !== null ? `${t('orders.linkNo', { n: linkNo })} ${title}` : title;
  const titleOf = (clip: ClipView) =>
    plans.find((p) => p.productId === clip.productId)?.title ??
    segments.find((s) => s.productId === clip.productId)?.title ??
    '';
  const spanOf = (segmentIds: readonly number[]) => {
    const mine = segments.filter((s) => segmentIds.includes(s.id));
    const first = mine[0];
    const last = mine.at(-1);
    return first && last?.endClockMs != null ? { from: first.startClockMs, to: last.endClockMs } : null;
  };
  // Clips of several explanations joined: listed after the explanations, on their own.
  const joined = clips.filter((c) => !plans.some((p) => sameSegments(p.segmentIds, c.segmentIds)));
  const uncut = plans.filter((p) => !clipOf(clips, p.segmentIds) && p.recordedMs > 0 && !p.waiting);

  const download = async (clip: ClipView) => {
    const file = await call('clips.play', { clipId: clip.id });
    if (file) downloadUrl(file.url, file.fileName);
  };
  const exportAll = async () => {
    setExporting({ done: 0, total: clips.length });
    try {
      const count = await exportClips(clips, (done) => setExporting({ done, total: clips.length }));
      notify('success', t('clips.exported', { count }));
    } catch (err) {
      notify('error', describeError(tr, err));
    } finally {
      setExporting(null);
    }
  };
  const remove = async () => {
    const removed = await deleting.call('clips.delete', { sessionId });
    if (removed) notify('success', t('clips.deleted', { count: removed.deleted }));
    setAskingDelete(false);
  };

  return (
    <section className="report-section clips-section" aria-labelledby="clips-title" data-testid="report-clips">
      <h2 id="clips-title" className="report-section__title">
        {t('clips.title')}
      </h2>
      <p className="muted">{t('clips.where')}</p>
      {error ? (
        <p className="callout callout--danger" role="alert">
          {t('clips.loadFailed', { message: error })}
        </p>
      ) : null}
      {!data && !error ? <p className="muted loading">{t('clips.loading')}</p> : null}
      {data && plans.length === 0 && clips.length === 0 ? <p className="muted">{t('clips.none')}</p> : null}
      {plans.length > 0 ? (
        <div className="clips-toolbar">
          <Button variant="primary" disabled={busy} onClick={() => void cut.start({ sessionId, ...options })}>
            {t('clips.cutAll')}
          </Button>
          {uncut.length > 0 && clips.length > 0 ? (
            <Button
              disabled={busy}
              onClick={() => void cut.start({ sessionId, ...options, segmentIds: uncut.flatMap((p) => p.segmentIds) })}
            >
              {t('clips.cutMissing')}
            </Button>
          ) : null}
          {(['exact', 'join', 'vertical'] as const).map((key) => (
            <label key={key} className="clips-toolbar__option">
              <input
                type="checkbox"
                checked={options[key]}
                disabled={busy}
                onChange={(e) => setOptions({ ...options, [key]: e.target.checked })}
              />{' '}
              {t(`clips.${key}`)}
            </label>
          ))}
          {clips.length > 0 ? (
            <>
              <Button disabled={busy} onClick={() => void exportAll()}>
                {t('clips.exportAll')}
              </Button>
              <Button variant="danger" disabled={busy} onClick={() => setAskingDelete(true)}>
                {t('clips.delete')}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {cut.running ? (
        <ClipsJobProgress
          job={cut.job}
          starting={t('clips.cutAll')}
          cancelLabel={t('clips.cancel')}
          onCancel={cut.cancel}
          testId="clips-progress"
        />
      ) : null}
      {exporting ? (
        <ProgressBar label={t('clips.exporting', exporting)} done={exporting.done} total={exporting.total} />
      ) : null}
      {plans.length > 0 ? (
        <ul className="clip-list">
          {plans.map((plan) => (
            <ClipRow
              key={plan.segmentIds.join(',')}
              plan={plan}
              clip={clipOf(clips, plan.segmentIds)}
              name={nameOf(plan.linkNo, plan.title)}
              span={spanOf(plan.segmentIds)}
              report={report}
              busy={busy}
              onPlay={(clip) => setPlaying({ clip, name: nameOf(plan.linkNo, plan.title) })}
              onDownload={(clip) => void download(clip)}
              onCut={(segmentIds) => void cut.start({ sessionId, ...options, join: false, segmentIds })}
            />
          ))}
        </ul>
      ) : null}
      {joined.length > 0 ? (
        <>
          <h3 className="clips-section__subtitle">{t('clips.joined')}</h3>
          <ul className="clip-list">
            {joined.map((clip) => (
              <ClipRow
                key={clip.id}
                plan={null}
                clip={clip}
                name={nameOf(clip.linkNo, titleOf(clip))}
                span={spanOf(clip.segmentIds)}
                report={report}
                busy={busy}
                onPlay={(c) => setPlaying({ clip: c, name: nameOf(c.linkNo, titleOf(c)) })}
                onDownload={(c) => void download(c)}
                onCut={() => undefined}
              />
            ))}
          </ul>
        </>
      ) : null}
      {plans.length > 0 ? (
        <ReelPanel sessionId={sessionId} plans={plans} refreshKey={data} nameOf={(p) => nameOf(p.linkNo, p.title)} />
      ) : null}
      {playing ? <PlayClip clip={playing.clip} name={playing.name} onClose={() => setPlaying(null)} /> : null}
      {askingDelete ? (
        <ConfirmDialog
          title={t('clips.deleteTitle', { count: clips.length })}
          confirmLabel={t('clips.deleteConfirm')}
          danger
          busy={deleting.busy}
          onConfirm={() => void remove()}
          onCancel={() => setAskingDelete(false)}
        >
          <p>{t('clips.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
