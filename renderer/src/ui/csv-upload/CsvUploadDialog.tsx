// The dialog both CSV uploads use (product import, batch shipping): pick a file, follow the job, and either what
// it did or every problem by line. The caller brings the explanation, the success sentence and the failure one.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { Button } from '../Button.tsx';
import { Dialog } from '../Dialog.tsx';
import { ProgressBar } from '../ProgressBar.tsx';
import { IssueList } from './IssueList.tsx';
import type { CsvUpload } from './useCsvUpload.ts';

interface CsvUploadDialogProps {
  title: string;
  className: string;
  upload: CsvUpload;
  testId: string;
  /** What a finished job did ("导入完成：新建 3 件…"). */
  done: ReactNode;
  /** The sentence over a failed job's problems; by default the message of its error code. */
  failureText?: (code: string, count: number) => string;
  onClose(): void;
  /** The explanation above the file picker. */
  children: ReactNode;
}

export function CsvUploadDialog(props: CsvUploadDialogProps) {
  const { upload, onClose } = props;
  const tr = useT();
  const { t } = tr;
  const { input, fileName, job, running, callError, failure } = upload;
  const issues = failure?.issues ?? [];
  const code = failure?.code ?? 'internal';
  return (
    <Dialog
      title={props.title}
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      className={props.className}
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
      {props.children}
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('import.choose')}
        data-testid={props.testId}
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
          {props.done}
        </p>
      ) : null}
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">
            {props.failureText?.(code, issues.length) ?? tr.msg(code, { count: issues.length })}
          </p>
        </div>
      ) : null}
      {issues.length > 0 ? <IssueList issues={issues} /> : null}
      {job?.state === 'done' && job.warnings.length > 0 ? <IssueList issues={job.warnings} /> : null}
    </Dialog>
  );
}
