// What an upload dialog shows under its explanation: the hidden file input, the file picked, the job's
// progress, a call that failed, and (from the caller) what a finished job says.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { ProgressBar } from '../ProgressBar.tsx';
import type { CsvUpload } from './useCsvUpload.ts';

export function CsvUploadStatus({ upload, testId, done }: { upload: CsvUpload; testId: string; done: ReactNode }) {
  const tr = useT();
  const { t } = tr;
  const { input, fileName, job, running, callError } = upload;
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('import.choose')}
        data-testid={testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void upload.start(file);
        }}
      />
      {fileName ? <p className="import-dialog__file">{t('import.file', { name: fileName })}</p> : null}
      {running ? (
        <ProgressBar
          label={
            job
              ? t('job.progress', { phase: tr.msg(job.phase), done: job.done, total: job.total })
              : tr.msg('phase_reading')
          }
          done={job?.done ?? 0}
          total={job?.total ?? 0}
        />
      ) : null}
      {callError ? (
        <p className="callout callout--danger" role="alert">
          {callError}
        </p>
      ) : null}
      {job?.state === 'done' ? (
        <p className="callout callout--success" role="status">
          {done}
        </p>
      ) : null}
    </>
  );
}
