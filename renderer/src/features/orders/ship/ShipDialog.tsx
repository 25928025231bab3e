// 批量发货: an Excel or CSV file of order number, carrier and tracking number marks those paid orders shipped.
// Every row is checked first; one bad row and nothing changes, and every problem is listed by its row.
import { studio } from '../../../api/index.ts';
import { ColumnHeads } from '../../../ui/ColumnHeads.tsx';
import { useT } from '../../../i18n/index.ts';
import { CsvUploadDialog } from '../../../ui/csv-upload/CsvUploadDialog.tsx';
import { useCsvUpload } from '../../../ui/csv-upload/useCsvUpload.ts';

export function ShipDialog({ onClose }: { onClose(): void }) {
  const tr = useT();
  const { t } = tr;
  // studio.call, not useCall: useCsvUpload sends the file first (with progress), and says any step's failure itself.
  const upload = useCsvUpload((uploadId) => studio.call('orders.shipFile', { uploadId }));
  return (
    <CsvUploadDialog
      title={t('orders.ship.title')}
      className="import-dialog ship-dialog"
      upload={upload}
      testId="ship-csv-input"
      done={t('orders.ship.done', { count: upload.job?.summary?.shipped ?? 0 })}
      // The generic import wording talks of products; a shipping file has its own sentence.
      failureText={(code, count) => tr.msg(code === 'import_invalid' ? 'ship_invalid' : code, { count })}
      onClose={onClose}
    >
      <p>{t('orders.ship.help')}</p>
      <table className="ship-dialog__example">
        <caption className="muted">{t('orders.ship.example')}</caption>
        <ColumnHeads
          columns={[
            { label: t('orders.ship.colOrderNo') },
            { label: t('orders.ship.colCarrier') },
            { label: t('orders.ship.colTracking') },
          ]}
        />
        <tbody>
          <tr>
            <td className="mono">250601-001</td>
            <td>{t('orders.ship.sampleCarrier')}</td>
            <td className="mono">SF1234567890</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">{t('orders.ship.rules')}</p>
    </CsvUploadDialog>
  );
}
