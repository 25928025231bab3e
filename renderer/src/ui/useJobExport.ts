// An export from the UI (Excel or CSV): start the core's job (headers in the UI's language, so a Chinese seller's Excel opens
// with Chinese column names), follow its progress, download the file a slice at a time, and say where it went.
// The catalogue and the order log differ only in the job they start.
import { useState } from 'react';
import type { Issue } from '../../../electron/core/protocol/errors.ts';
import { describeError } from '../i18n/describe.ts';
import { useT, type Locale } from '../i18n/index.ts';
import { useJobs, waitForJob } from '../stores/jobs.ts';
import { notify } from '../stores/notices.ts';
import { downloadJobFile } from './job-download.ts';

export function useJobExport<A>(begin: (arg: A, locale: Locale) => Promise<{ jobId: string }>) {
  const tr = useT();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [download, setDownload] = useState<{ done: number; total: number } | null>(null);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));

  async function start(arg: A): Promise<void> {
    if (starting || jobId) return;
    setStarting(true);
    try {
      const { jobId: id } = await begin(arg, tr.locale);
      setJobId(id);
      const finished = await waitForJob(id);
      if (finished.state === 'failed') {
        const error = finished.error as { code?: string; issues?: Issue[] } | null;
        // A refusal says why in its first issue (too many rows for one Excel sheet…).
        const why = error?.issues?.[0];
        notify('error', why ? tr.msg(why.code, why.params) : tr.msg(error?.code ?? 'internal'));
        return;
      }
      setDownload({ done: 0, total: 0 });
      const fileName = await downloadJobFile(id, (done, total) => setDownload({ done, total }));
      notify('success', tr.t('export.done', { fileName }));
    } catch (error) {
      notify('error', describeError(tr, error));
    } finally {
      setStarting(false);
      setJobId(null);
      setDownload(null);
    }
  }

  return { running: starting || jobId !== null, job, download, start };
}
