// The log's search (order number, buyer, phone or product title, as you type) and its actions: a platform's
// order file, batch shipping, the export of what the filters match (Excel or CSV), and the report of the show the
// session filter names.
import type { Ref } from 'react';
import type { ExportFormat } from '../../../../electron/core/protocol/jobs-schemas.ts';
import { useT } from '../../i18n/index.ts';
import { useOrders } from '../../stores/orders.ts';
import { useRoute } from '../../stores/route.ts';
import { Button } from '../../ui/Button.tsx';
import { ExportButtons } from '../../ui/ExportButtons.tsx';
import { useCan } from '../../stores/connection.ts';
import { SearchBox } from '../../ui/SearchBox.tsx';

interface OrdersToolbarProps {
  searchRef: Ref<HTMLInputElement>;
  exporting: boolean;
  onShip(): void;
  onImport(): void;
  onExport(format: ExportFormat): void;
}

export function OrdersToolbar({ searchRef, exporting, onShip, onImport, onExport }: OrdersToolbarProps) {
  const files = useCan('files');
  const { t } = useT();
  const query = useOrders((s) => s.form.query);
  const sessionId = useOrders((s) => s.form.sessionId);
  const setForm = useOrders((s) => s.setForm);
  const go = useRoute((s) => s.go);
  return (
    <div className="toolbar">
      <SearchBox
        id="orders-search"
        label={t('orders.search')}
        placeholder={t('orders.searchPlaceholder')}
        value={query}
        inputRef={searchRef}
        onChange={(value) => setForm({ query: value })}
      />
      <div className="toolbar__actions">
        {sessionId !== null ? (
          <Button onClick={() => go('orders', `report-${sessionId}`)}>{t('orders.report.open')}</Button>
        ) : null}
        {files ? <Button onClick={onImport}>{t('orders.file.open')}</Button> : null}
        {files ? <Button onClick={onShip}>{t('orders.ship.open')}</Button> : null}
        {files ? <ExportButtons running={exporting} onExport={onExport} /> : null}
      </div>
    </div>
  );
}
