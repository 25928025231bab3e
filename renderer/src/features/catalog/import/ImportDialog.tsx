// CSV import: pick a file, send it, follow the job. A file with bad rows imports nothing, and every bad
// cell is listed with its line and column so the seller can fix the spreadsheet in one pass.
import { MAX_CSV_BYTES } from '../../../../../electron/core/protocol/limits.ts';
import { useRef, useState } from 'react';
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { useJobs } from '../../../stores/jobs.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { readFileAsBase64 } from '../../../ui/file-transfer.ts';
import { ProgressBar } from '../../../ui/ProgressBar.tsx';
import { IssueList } from './IssueList.tsx';

interface JobError {
  code?: string;
  issues?: Issue[];
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const tr = useT();
  const { t } = tr;
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [callError, setCallError] = useState<string | null>(null);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));

  async function start(file: File): Promise<void> {
    setFileName(file.name);
    setJobId(null);
    setCallError(null);
    if (file.size > MAX_CSV_BYTES) {
      setCallError(tr.msg('too_large'));
      return;
    }
    setSending(true);
    try {
      const dataBase64 = await readFileAsBase64(file);
      const { jobId: id } = await studio.call('catalog.importCsv', { fileName: file.name, dataBase64 });
      setJobId(id);
    } catch (error) {
      setCallError(describeError(tr, error));
    } finally {
      setSending(false);
      if (input.current) input.current.value = '';
    }
  }

  const running = sending || (jobId !== null && (!job || job.state === 'running'));
  const failure = job?.state === 'failed' ? ((job.error ?? {}) as JobError) : null;
  const issues = failure?.issues ?? [];

  return (
    <Dialog
      title={t('import.title')}
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      className="import-dialog"
      footer={
        <>
          <Button onClick={() => input.current?.click()} disabled={running} data-autofocus>
            {fileName ? t('import.chooseAgain') : t('import.choose')}
          </Button>
          <Button variant={job?.state === 'done' ? 'primary' : 'secondary'} onClick={onClose}>
            {t('import.close')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('import.help')}</p>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('import.choose')}
        data-testid="csv-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void start(file);
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
          {t('import.done', {
            created: job.summary?.created ?? 0,
            updated: job.summary?.updated ?? 0,
            unchanged: job.summary?.unchanged ?? 0,
          })}
        </p>
      ) : null}
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">{tr.msg(failure.code ?? 'internal', { count: issues.length })}</p>
        </div>
      ) : null}
      {issues.length > 0 ? <IssueList issues={issues} /> : null}
      {job?.state === 'done' && job.warnings.length > 0 ? <IssueList issues={job.warnings} /> : null}
    </Dialog>
  );
}
