// CSV export of the catalogue (with or without archived products).
import { studio } from '../../api/index.ts';
import { useJobExport } from '../../ui/useJobExport.ts';

export function useExport() {
  return useJobExport((archived: boolean, locale) => studio.call('catalog.exportCsv', { archived, locale }));
}
