// Product import (Excel or CSV): pick a file, send it, follow the job. A file with bad rows imports nothing, and
// every bad cell is listed with its row and column so the seller can fix the spreadsheet in one pass.
import { studio } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { CsvUploadDialog } from '../../../ui/csv-upload/CsvUploadDialog.tsx';
import { useCsvUpload } from '../../../ui/csv-upload/useCsvUpload.ts';

export function ImportDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  // studio.call, not useCall: useCsvUpload sends the file first (with progress), and says any step's failure itself.
  const upload = useCsvUpload((uploadId, pictures) => studio.call('catalog.importFile', { uploadId, pictures }), {
    withPictures: true,
  });
  const summary = upload.job?.summary;
  return (
    <CsvUploadDialog
      title={t('import.title')}
      className="import-dialog"
      upload={upload}
      testId="csv-input"
      withPictures
      done={
        t('import.done', {
          created: summary?.created ?? 0,
          updated: summary?.updated ?? 0,
          unchanged: summary?.unchanged ?? 0,
        }) + (summary?.kept ? ` ${t('import.kept', { count: summary.kept })}` : '')
      }
      onClose={onClose}
    >
      <p className="muted">{t('import.help')}</p>
    </CsvUploadDialog>
  );
}
