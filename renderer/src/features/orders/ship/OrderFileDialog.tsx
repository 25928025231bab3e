// 导入平台订单: a 微信小店 or 抖店 order export (xlsx or CSV) into the log, for shops without API access and for 抖店.
// Every row is checked first; one bad row and nothing is imported, every problem listed by the row the
// spreadsheet shows. An order already in the log (from the shop's sync or an earlier file) stays one order.
import { studio } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { CsvUploadDialog } from '../../../ui/csv-upload/CsvUploadDialog.tsx';
import { useCsvUpload } from '../../../ui/csv-upload/useCsvUpload.ts';

export function OrderFileDialog({ onClose }: { onClose(): void }) {
  const tr = useT();
  const { t } = tr;
  // studio.call, not useCall: useCsvUpload sends the file first (with progress), and says any step's failure itself.
  const upload = useCsvUpload((uploadId) => studio.call('orders.importFile', { uploadId }));
  const s = upload.job?.summary ?? {};
  return (
    <CsvUploadDialog
      title={t('orders.file.title')}
      className="import-dialog"
      upload={upload}
      testId="order-file-input"
      done={t('orders.file.done', {
        orders: Number(s.orders ?? 0),
        created: Number(s.created ?? 0),
        updated: Number(s.updated ?? 0),
        unchanged: Number(s.unchanged ?? 0),
        products: Number(s.products ?? 0),
      })}
      failureText={(code, count) => tr.msg(code === 'import_invalid' ? 'order_file_invalid' : code, { count })}
      onClose={onClose}
    >
      <p>{t('orders.file.help')}</p>
      <p className="muted">{t('orders.file.rules')}</p>
    </CsvUploadDialog>
  );
}
