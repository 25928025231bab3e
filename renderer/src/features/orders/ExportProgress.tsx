// The export's progress: the core writing the file (job progress), then this window fetching it (bytes).
import type { Job } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { ProgressBar } from '../../ui/ProgressBar.tsx';

interface ExportProgressProps {
  job: Job | undefined;
  download: { done: number; total: number } | null;
}

const kb = (bytes: number) => Math.ceil(bytes / 1024);

export function ExportProgress({ job, download }: ExportProgressProps) {
  const tr = useT();
  const { t } = tr;
  if (download) {
    return (
      <ProgressBar
        label={t('orders.exportDownloading', { done: kb(download.done), total: kb(download.total) })}
        done={download.done}
        total={download.total}
      />
    );
  }
  return (
    <ProgressBar
      label={
        job ? t('job.progress', { phase: tr.msg(job.phase), done: job.done, total: job.total }) : t('export.running')
      }
      done={job?.done ?? 0}
      total={job?.total ?? 0}
    />
  );
}
