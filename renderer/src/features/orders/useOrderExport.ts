// CSV export of the filtered orders, with the log's filter.
import type { OrderFilter } from '../../../../electron/core/protocol/contract.ts';
import { studio } from '../../api/index.ts';
import { useJobExport } from '../../ui/useJobExport.ts';

export function useOrderExport() {
  return useJobExport((filter: OrderFilter, locale) => studio.call('orders.exportCsv', { filter, locale }));
}
