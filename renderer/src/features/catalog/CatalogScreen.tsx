// 商品库: the product library. `/` focuses search, `N` opens a new product (when not typing).
import { Screen } from '../../ui/Screen.tsx';
import { useCallback, useRef, useState } from 'react';
import type { Product } from '../../../../electron/core/protocol/contract.ts';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useCatalog } from '../../stores/catalog.ts';
import { notify } from '../../stores/notices.ts';
import { isTypingTarget, useWindowKeydown } from '../../ui/keys.ts';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { CatalogEmpty } from './CatalogEmpty.tsx';
import { CatalogToolbar } from './CatalogToolbar.tsx';
import { ProductEditor } from './editor/ProductEditor.tsx';
import { ImportDialog } from './import/ImportDialog.tsx';
import { Pager } from './list/Pager.tsx';
import { ProductTable } from './list/ProductTable.tsx';
import { useExport } from './useExport.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';

type Editing = { product: Product | null } | null;

export function CatalogScreen() {
  const tr = useT();
  const { t } = tr;
  const searchRef = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [busyIds, setBusyIds] = useState<ReadonlySet<number>>(new Set());
  const exporter = useExport();
  const loaded = useCatalog((s) => s.loaded);
  const error = useCatalog((s) => s.error);
  const count = useCatalog((s) => s.items.length);
  const archivedFilter = useCatalog((s) => s.archived);

  const dialogOpen = editing !== null || importing;
  useWindowKeydown((event) => {
    if (dialogOpen || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (event.key === '/') {
      event.preventDefault();
      searchRef.current?.focus();
    } else if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      setEditing({ product: null });
    }
  });

  const onEdit = useCallback((product: Product) => setEditing({ product }), []);

  const changeArchived = useCallback(
    async (product: Product, archive: boolean) => {
      setBusyIds((ids) => new Set(ids).add(product.id));
      try {
        const params = { id: product.id, expectedVersion: product.version };
        const saved = await studio.call(archive ? 'catalog.archive' : 'catalog.restore', params);
        useCatalog.getState().applyProduct(saved);
        notify('success', t(archive ? 'product.archivedNotice' : 'product.restoredNotice', { title: saved.title }));
      } catch (err) {
        notify('error', describeError(tr, err));
        void useCatalog.getState().refetch();
      } finally {
        setBusyIds((ids) => {
          const next = new Set(ids);
          next.delete(product.id);
          return next;
        });
      }
    },
    [t, tr],
  );
  const onArchive = useCallback((p: Product) => void changeArchived(p, true), [changeArchived]);
  const onRestore = useCallback((p: Product) => void changeArchived(p, false), [changeArchived]);
  const openNew = () => setEditing({ product: null });
  const openImport = () => setImporting(true);

  return (
    <Screen name="catalog" title={t('catalog.title')}>
      <CatalogToolbar
        searchRef={searchRef}
        exporting={exporter.running}
        onNew={openNew}
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
      {loaded && count === 0 ? <CatalogEmpty onNew={openNew} onImport={openImport} /> : null}
      {loaded && count > 0 ? (
        <>
          <ProductTable busyIds={busyIds} onEdit={onEdit} onArchive={onArchive} onRestore={onRestore} />
          <Pager />
        </>
      ) : null}
      {editing ? (
        <ProductEditor key={editing.product?.id ?? 'new'} product={editing.product} onClose={() => setEditing(null)} />
      ) : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Screen>
  );
}
