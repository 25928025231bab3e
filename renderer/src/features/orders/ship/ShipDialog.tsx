// 批量发货: a CSV of order number, carrier and tracking number marks those paid orders shipped. Every row is
// checked first; one bad row and nothing changes, and every problem is listed by its line to fix in one pass.
import { studio } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { CsvUploadStatus } from '../../../ui/csv-upload/CsvUploadStatus.tsx';
import { useCsvUpload } from '../../../ui/csv-upload/useCsvUpload.ts';
import { IssueList } from '../../catalog/import/IssueList.tsx';

export function ShipDialog({ onClose }: { onClose(): void }) {
  const tr = useT();
  const { t } = tr;
  const upload = useCsvUpload((_file, dataBase64) => studio.call('orders.shipCsv', { dataBase64 }));
  const { input, job, running, failure, fileName } = upload;
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
      <CsvUploadStatus
        upload={upload}
        testId="ship-csv-input"
        done={t('orders.ship.done', { count: job?.summary?.shipped ?? 0 })}
      />
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
