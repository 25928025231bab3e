// 商品库: the product library. `/` focuses search, `N` opens a new product (when not typing).
import { useRef, useState } from 'react';
import type { Product } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useCatalog } from '../../stores/catalog.ts';
import { notify } from '../../stores/notices.ts';
import { useArchiving } from '../../ui/library/useArchiving.ts';
import { useLibraryEditor } from '../../ui/library/useLibraryEditor.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { Screen } from '../../ui/Screen.tsx';
import { useCall } from '../../ui/useCall.ts';
import { useSingleKeys } from '../../ui/useSingleKeys.ts';
import { CatalogEmpty } from './CatalogEmpty.tsx';
import { CatalogToolbar } from './CatalogToolbar.tsx';
import { ProductEditor } from './editor/ProductEditor.tsx';
import { ImportDialog } from './import/ImportDialog.tsx';
import { Pager } from './list/Pager.tsx';
import { ProductTable } from './list/ProductTable.tsx';
import { useExport } from './useExport.ts';

export function CatalogScreen() {
  const tr = useT();
  const { t } = tr;
  const searchRef = useRef<HTMLInputElement>(null);
  const editor = useLibraryEditor<Product>();
  const [importing, setImporting] = useState(false);
  const { call } = useCall();
  const exporter = useExport();
  const loaded = useCatalog((s) => s.loaded);
  const error = useCatalog((s) => s.error);
  const count = useCatalog((s) => s.items.length);
  const archivedFilter = useCatalog((s) => s.archived);

  useSingleKeys(editor.editing !== null || importing, {
    '/': () => searchRef.current?.focus(),
    n: editor.openNew,
  });

  const archiving = useArchiving(async (product: Product, archive: boolean) => {
    const params = { id: product.id, expectedVersion: product.version };
    const saved = await call(archive ? 'catalog.archive' : 'catalog.restore', params);
    if (!saved) {
      // The list may be behind what the core keeps: show what it keeps.
      void useCatalog.getState().refetch();
      return;
    }
    useCatalog.getState().applyProduct(saved);
    notify('success', t(archive ? 'product.archivedNotice' : 'product.restoredNotice', { title: saved.title }));
  });
  const openImport = () => setImporting(true);

  return (
    <Screen name="catalog" title={t('catalog.title')}>
      <CatalogToolbar
        searchRef={searchRef}
        exporting={exporter.running}
        onNew={editor.openNew}
        onImport={openImport}
        onExport={(format) => void exporter.start({ archived: archivedFilter, format })}
      />
      {exporter.running ? (
        <ProgressBar
          label={
            exporter.job
              ? t('job.progress', {
                  phase: tr.msg(exporter.job.phase),
                  done: exporter.job.done,
                  total: exporter.job.total,
                })
              : t('export.running')
          }
          done={exporter.job?.done ?? 0}
          total={exporter.job?.total ?? 0}
        />
      ) : null}
      {error ? (
        <LoadFailed
          message={t('catalog.loadFailed', { message: error })}
          retryLabel={t('catalog.retry')}
          onRetry={() => void useCatalog.getState().refetch()}
        />
      ) : null}
      {!loaded && !error ? <p className="muted loading">{t('catalog.loading')}</p> : null}
      {loaded && count === 0 ? <CatalogEmpty onNew={editor.openNew} onImport={openImport} /> : null}
      {loaded && count > 0 ? (
        <>
          <ProductTable
            busyIds={archiving.busyIds}
            onEdit={editor.edit}
            onArchive={archiving.onArchive}
            onRestore={archiving.onRestore}
          />
          <Pager />
        </>
      ) : null}
      {editor.editing ? (
        <ProductEditor key={editor.editing.item?.id ?? 'new'} product={editor.editing.item} onClose={editor.close} />
      ) : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Screen>
  );
}
