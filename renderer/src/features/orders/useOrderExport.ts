// The export of the filtered orders (Excel or CSV), with the log's filter.
import type { ExportFormat } from '../../../../electron/core/protocol/jobs-schemas.ts';
import type { OrderFilter } from '../../../../electron/core/protocol/contract.ts';
import { studio } from '../../api/index.ts';
import { useJobExport } from '../../ui/useJobExport.ts';

export function useOrderExport() {
  return useJobExport(({ filter, format }: { filter: OrderFilter; format: ExportFormat }, locale) =>
    studio.call('orders.exportFile', { filter, locale, format }),
  );
}
