// Cutting clips or making the long video, as a job: started here, its progress from the jobs store, cancelled on
// request; how it ended said once (a cut: how many, and what could not be; the reel: its name), and handed to
// `onDone` (the reel's description is in its summary).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job, Params } from '../../../../electron/core/protocol/contract.ts';
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { describeIssue } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useJobs, waitForJob } from '../../stores/jobs.ts';
import { notify } from '../../stores/notices.ts';
import { useCall } from '../../ui/useCall.ts';

type JobMethod = 'clips.cut' | 'clips.reel';

export function useClipsJob<M extends JobMethod>(method: M, onDone?: (job: Job) => void) {
  const tr = useT();
  const { call } = useCall();
  const [jobId, setJobId] = useState<string | null>(null);
  const job: Job | undefined = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const running = jobId !== null && (job === undefined || job.state === 'running');
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });

  useEffect(() => {
    if (!jobId) return;
    let live = true;
    void waitForJob(jobId).then((finished) => {
      if (!live) return;
      setJobId(null);
      say(tr, finished);
      if (finished.state === 'done') done.current?.(finished);
    });
    return () => {
      live = false;
    };
  }, [jobId, tr]);

  const start = useCallback(
    async (params: Params<M>) => {
      const started = await call(method, params);
      if (started) setJobId(started.jobId);
    },
    [call, method],
  );

  const cancel = useCallback(() => {
    if (jobId) void call('jobs.cancel', { id: jobId });
  }, [call, jobId]);

  return { job, running, start, cancel };
}

function say(tr: ReturnType<typeof useT>, job: Job): void {
  if (job.state === 'failed') {
    const error = job.error as { code?: string; issues?: Issue[] } | null;
    const why = error?.issues?.[0];
    if (error?.code === 'cancelled') {
      notify('info', tr.t(job.kind === 'clips.reel' ? 'clips.reelCancelled' : 'clips.cancelled'));
    }
    // A refusal says why in its first issue (no ffmpeg, nothing to cut, a reel too long).
    else notify('error', why ? describeIssue(tr, why) : tr.msg(error?.code ?? 'internal'));
    return;
  }
  if (job.kind === 'clips.reel') {
    notify('success', tr.t('clips.reelDone', { fileName: String(job.summary?.fileName ?? '') }));
  } else {
    const clips = Number(job.summary?.clips ?? 0);
    const skipped = Number(job.summary?.skipped ?? 0);
    notify(
      'success',
      skipped > 0 ? tr.t('clips.cutDoneSkipped', { clips, skipped }) : tr.t('clips.cutDone', { clips }),
    );
  }
  // What was left out, and why: each its own notice (a few at most), so none is lost among the others.
  for (const warning of job.warnings.slice(0, 3)) notify('info', describeIssue(tr, warning));
}
