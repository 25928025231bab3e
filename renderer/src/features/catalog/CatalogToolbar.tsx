// Search (as you type), the archived filter, and the catalogue's actions.
import type { Ref } from 'react';
import type { ExportFormat } from '../../../../electron/core/protocol/jobs-schemas.ts';
import { useT } from '../../i18n/index.ts';
import { useCatalog } from '../../stores/catalog.ts';
import { Button } from '../../ui/Button.tsx';
import { ExportButtons } from '../../ui/ExportButtons.tsx';
import { useCan } from '../../stores/connection.ts';
import { SearchBox } from '../../ui/SearchBox.tsx';

interface CatalogToolbarProps {
  searchRef: Ref<HTMLInputElement>;
  exporting: boolean;
  onNew(): void;
  onImport(): void;
  onExport(format: ExportFormat): void;
}

export function CatalogToolbar({ searchRef, exporting, onNew, onImport, onExport }: CatalogToolbarProps) {
  const files = useCan('files');
  const bag = useCan('bag');
  const { t } = useT();
  const query = useCatalog((s) => s.query);
  const archived = useCatalog((s) => s.archived);
  const setQuery = useCatalog((s) => s.setQuery);
  const setArchived = useCatalog((s) => s.setArchived);
  return (
    <div className="toolbar">
      <SearchBox
        id="catalog-search"
        label={t('catalog.search')}
        placeholder={t('catalog.searchPlaceholder')}
        value={query}
        inputRef={searchRef}
        onChange={setQuery}
      />
      <label className="toggle">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />
        <span>{t('catalog.showArchived')}</span>
      </label>
      <div className="toolbar__actions">
        {files ? <Button onClick={onImport}>{t('catalog.import')}</Button> : null}
        {files ? <ExportButtons running={exporting} onExport={onExport} /> : null}
        {bag ? (
          <Button variant="primary" onClick={onNew} aria-keyshortcuts="N">
            + {t('catalog.new')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
