// A clips job's progress (seconds of media of the whole) and its cancel button: the cut and the long video alike.
import type { Job } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';

interface ClipsJobProgressProps {
  job: Job | undefined;
  /** Shown until the job's first progress arrives. */
  starting: string;
  cancelLabel: string;
  onCancel(): void;
  testId: string;
}

export function ClipsJobProgress({ job, starting, cancelLabel, onCancel, testId }: ClipsJobProgressProps) {
  const tr = useT();
  const label = job
    ? tr.t('clips.progress', {
        phase: tr.msg(job.phase),
        done: Math.round(job.done / 1000),
        total: Math.round(job.total / 1000),
      })
    : starting;
  return (
    <div className="clips-progress" data-testid={testId}>
      <ProgressBar label={label} done={job?.done ?? 0} total={job?.total ?? 0} />
      <Button size="small" onClick={onCancel}>
        {cancelLabel}
      </Button>
    </div>
  );
}
