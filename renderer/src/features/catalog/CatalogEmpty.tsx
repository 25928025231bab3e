// The three ways the list can be empty, each saying what to do next.
import { useT } from '../../i18n/index.ts';
import { useCatalog } from '../../stores/catalog.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';

interface CatalogEmptyProps {
  onNew(): void;
  onImport(): void;
}

export function CatalogEmpty({ onNew, onImport }: CatalogEmptyProps) {
  const { t } = useT();
  const query = useCatalog((s) => s.appliedQuery);
  const archived = useCatalog((s) => s.archived);
  const setQuery = useCatalog((s) => s.setQuery);
  if (query) {
    return (
      <EmptyState
        icon="search"
        title={t('empty.searchTitle', { query })}
        actions={<Button onClick={() => setQuery('')}>{t('empty.clearSearch')}</Button>}
      >
        <p>{t('empty.searchBody')}</p>
      </EmptyState>
    );
  }
  if (archived) {
    return (
      <EmptyState icon="archive" title={t('empty.archivedTitle')}>
        <p>{t('empty.archivedBody')}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title={t('empty.title')}
      actions={
        <>
          <Button variant="primary" onClick={onNew}>
            + {t('catalog.new')}
          </Button>
          <Button onClick={onImport}>{t('catalog.import')}</Button>
        </>
      }
    >
      <p>{t('empty.body')}</p>
    </EmptyState>
  );
}
