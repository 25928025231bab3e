// The two ways out of a list: an Excel workbook (typed cells: what sellers open) and CSV (what other tools read).
// Two plain buttons rather than a menu: one click, and each is reachable with Tab.
import type { ExportFormat } from '../../../electron/core/protocol/jobs-schemas.ts';
import { useT } from '../i18n/index.ts';
import { Button } from './Button.tsx';

export function ExportButtons({ running, onExport }: { running: boolean; onExport(format: ExportFormat): void }) {
  const { t } = useT();
  return (
    <>
      <Button onClick={() => onExport('xlsx')} disabled={running} title={t('export.xlsxHint')}>
        {t('export.xlsx')}
      </Button>
      <Button onClick={() => onExport('csv')} disabled={running} title={t('export.csvHint')}>
        {t('export.csv')}
      </Button>
    </>
  );
}
