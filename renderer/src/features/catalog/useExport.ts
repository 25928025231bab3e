// CSV export: start the job, follow its progress, and hand the finished file to the browser as a download.
// Headers come in the UI's language, so a Chinese seller's Excel opens with Chinese column names.
import { useState } from 'react';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useJobs, waitForJob } from '../../stores/jobs.ts';
import { notify } from '../../stores/notices.ts';
import { downloadJobFile } from '../../ui/job-download.ts';

export function useExport() {
  const tr = useT();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));

  async function start(archived: boolean): Promise<void> {
    if (starting || jobId) return;
    setStarting(true);
    try {
      const { jobId: id } = await studio.call('catalog.exportCsv', { archived, locale: tr.locale });
      setJobId(id);
      const finished = await waitForJob(id);
      if (finished.state === 'failed') {
        const code = (finished.error as { code?: string } | null)?.code ?? 'internal';
        notify('error', tr.msg(code));
        return;
      }
      const fileName = await downloadJobFile(id);
      notify('success', tr.t('export.done', { fileName }));
    } catch (error) {
      notify('error', describeError(tr, error));
    } finally {
      setStarting(false);
      setJobId(null);
    }
  }

  return { running: starting || jobId !== null, job, start };
}
