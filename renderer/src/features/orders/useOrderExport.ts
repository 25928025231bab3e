// CSV export of the filtered orders: start the job with the log's filter and the UI's language, follow the
// job, then the download a slice at a time, then say where it went.
import { useState } from 'react';
import type { OrderFilter } from '../../../../electron/core/protocol/contract.ts';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useJobs, waitForJob } from '../../stores/jobs.ts';
import { notify } from '../../stores/notices.ts';
import { downloadJobFile } from '../../ui/job-download.ts';

export function useOrderExport() {
  const tr = useT();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [download, setDownload] = useState<{ done: number; total: number } | null>(null);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));

  async function start(filter: OrderFilter): Promise<void> {
    if (starting || jobId) return;
    setStarting(true);
    try {
      const { jobId: id } = await studio.call('orders.exportCsv', { filter, locale: tr.locale });
      setJobId(id);
      const finished = await waitForJob(id);
      if (finished.state === 'failed') {
        const code = (finished.error as { code?: string } | null)?.code ?? 'internal';
        notify('error', tr.msg(code));
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
