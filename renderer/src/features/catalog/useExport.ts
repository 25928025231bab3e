// The export of the catalogue (with or without archived products), Excel or CSV.
import type { ExportFormat } from '../../../../electron/core/protocol/jobs-schemas.ts';
import { studio } from '../../api/index.ts';
import { useJobExport } from '../../ui/useJobExport.ts';

export function useExport() {
  return useJobExport(({ archived, format }: { archived: boolean; format: ExportFormat }, locale) =>
    studio.call('catalog.exportFile', { archived, locale, format }),
  );
}
