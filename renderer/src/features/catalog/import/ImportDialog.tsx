// CSV import: pick a file, send it, follow the job. A file with bad rows imports nothing, and every bad
// cell is listed with its line and column so the seller can fix the spreadsheet in one pass.
import { studio } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { CsvUploadStatus } from '../../../ui/csv-upload/CsvUploadStatus.tsx';
import { useCsvUpload } from '../../../ui/csv-upload/useCsvUpload.ts';
import { IssueList } from './IssueList.tsx';

export function ImportDialog({ onClose }: { onClose(): void }) {
  const tr = useT();
  const { t } = tr;
  const upload = useCsvUpload((file, dataBase64) =>
    studio.call('catalog.importCsv', { fileName: file.name, dataBase64 }),
  );
  const { input, job, running, failure, fileName } = upload;
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
      <CsvUploadStatus
        upload={upload}
        testId="csv-input"
        done={t('import.done', {
          created: job?.summary?.created ?? 0,
          updated: job?.summary?.updated ?? 0,
          unchanged: job?.summary?.unchanged ?? 0,
        })}
      />
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
