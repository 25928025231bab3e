// 批量发货: a CSV of order number, carrier and tracking number marks those paid orders shipped. Every row is
// checked first; one bad row and nothing changes, and every problem is listed by its line to fix in one pass.
import { useRef, useState } from 'react';
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import { MAX_CSV_BYTES } from '../../../../../electron/core/protocol/limits.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { useJobs } from '../../../stores/jobs.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { readFileAsBase64 } from '../../../ui/file-transfer.ts';
import { ProgressBar } from '../../../ui/ProgressBar.tsx';
import { IssueList } from '../../catalog/import/IssueList.tsx';

interface JobError {
  code?: string;
  issues?: Issue[];
}

export function ShipDialog({ onClose }: { onClose(): void }) {
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
      const { jobId: id } = await studio.call('orders.shipCsv', { dataBase64 });
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
  // The generic import wording talks of products; a shipping file has its own sentence.
  const failureText = failure
    ? failure.code === 'import_invalid'
      ? tr.msg('ship_invalid', { count: issues.length })
      : tr.msg(failure.code ?? 'internal', { count: issues.length })
    : null;

  return (
    <Dialog
      title={t('orders.ship.title')}
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      className="import-dialog ship-dialog"
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
      <p>{t('orders.ship.help')}</p>
      <table className="ship-dialog__example">
        <caption className="muted">{t('orders.ship.example')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.ship.colOrderNo')}</th>
            <th scope="col">{t('orders.ship.colCarrier')}</th>
            <th scope="col">{t('orders.ship.colTracking')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="mono">250601-001</td>
            <td>{t('orders.ship.sampleCarrier')}</td>
            <td className="mono">SF1234567890</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">{t('orders.ship.rules')}</p>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('import.choose')}
        data-testid="ship-csv-input"
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
          {t('orders.ship.done', { count: job.summary?.shipped ?? 0 })}
        </p>
      ) : null}
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">{failureText}</p>
        </div>
      ) : null}
      {issues.length > 0 ? <IssueList issues={issues} /> : null}
      {job?.state === 'done' && job.warnings.length > 0 ? <IssueList issues={job.warnings} /> : null}
    </Dialog>
  );
}
