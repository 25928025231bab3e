// The dialog every spreadsheet upload uses (product import, batch shipping, platform order files): pick a file,
// follow the job, and either what it did or every problem by row. The caller brings the explanation, the success
// sentence and the failure one.
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
  /** The CSV may come with its pictures: several files at once, or a whole folder. */
  withPictures?: boolean;
}

export function CsvUploadDialog(props: CsvUploadDialogProps) {
  const { upload, onClose } = props;
  const tr = useT();
  const { t } = tr;
  const { input, folderInput, fileName, job, running, sending, callError, failure } = upload;
  const issues = failure?.issues ?? [];
  const issueCount = failure?.issuesTotal ?? issues.length;
  const code = failure?.code ?? 'internal';
  const pick = (list: FileList | null) => {
    if (list && list.length > 0) void upload.start([...list]);
  };
  return (
    <Dialog
      title={props.title}
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      className={props.className}
      footer={
        <>
          <Button onClick={() => input.current?.click()} disabled={running} data-autofocus>
            {fileName ? t('import.chooseAgain') : props.withPictures ? t('import.chooseFiles') : t('import.choose')}
          </Button>
          {props.withPictures ? (
            <Button onClick={() => folderInput.current?.click()} disabled={running}>
              {t('import.chooseFolder')}
            </Button>
          ) : null}
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
        accept={[
          // Every import reads an Excel workbook as well as a CSV.
          '.xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          props.withPictures ? 'image/jpeg,image/png,image/webp,image/gif' : '',
        ]
          .filter(Boolean)
          .join(',')}
        multiple={props.withPictures}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={props.withPictures ? t('import.chooseFiles') : t('import.choose')}
        data-testid={props.testId}
        onChange={(e) => pick(e.currentTarget.files)}
      />
      {props.withPictures ? (
        <input
          ref={folderInput}
          // Not in React's types; passed through as the attribute that lets a whole folder be picked.
          {...{ webkitdirectory: '' }}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('import.chooseFolder')}
          data-testid={`${props.testId}-folder`}
          onChange={(e) => pick(e.currentTarget.files)}
        />
      ) : null}
      {fileName ? (
        <p className="import-dialog__file">
          {t('import.file', { name: fileName })}
          {upload.pictures > 0 ? ` · ${t('import.withPictures', { count: upload.pictures })}` : null}
        </p>
      ) : null}
      {running ? (
        <ProgressBar
          label={
            sending
              ? t(sending.what === 'pictures' ? 'import.sendingPictures' : 'import.sendingFile', {
                  done: sending.what === 'pictures' ? sending.done : Math.round((sending.done / sending.total) * 100),
                  total: sending.total,
                })
              : job
                ? t('job.progress', { phase: tr.msg(job.phase), done: job.done, total: job.total })
                : tr.msg('phase_reading')
          }
          done={sending?.done ?? job?.done ?? 0}
          total={sending?.total ?? job?.total ?? 0}
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
            {props.failureText?.(code, issueCount) ?? tr.msg(code, { count: issueCount })}
          </p>
        </div>
      ) : null}
      {issues.length > 0 ? <IssueList issues={issues} total={issueCount} /> : null}
      {job?.state === 'done' && job.warnings.length > 0 ? (
        <IssueList issues={job.warnings} total={job.warningsTotal} />
      ) : null}
    </Dialog>
  );
}
