// 优惠券: the coupon library. `N` opens a new coupon (when not typing); archived ones are a toggle away.
import { useState } from 'react';
import type { Coupon } from '../../../../electron/core/protocol/contract.ts';
import { isCallError } from '../../api/index.ts';
import { useT } from '../../i18n/index.ts';
import { useCoupons } from '../../stores/coupons.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useArchiving } from '../../ui/library/useArchiving.ts';
import { useLibraryEditor } from '../../ui/library/useLibraryEditor.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { Screen } from '../../ui/Screen.tsx';
import { useCall } from '../../ui/useCall.ts';
import { useNow } from '../../ui/useNow.ts';
import { useSingleKeys } from '../../ui/useSingleKeys.ts';
import { CouponRow } from './CouponRow.tsx';
import { CouponEditor } from './editor/CouponEditor.tsx';

const COLUMNS = [
  ['coupons.col.name', 'col-name'],
  ['coupons.col.terms', 'col-terms'],
  ['coupons.col.scope', 'col-scope'],
  ['coupons.col.validity', 'col-validity'],
  ['coupons.col.claimed', 'col-claimed num'],
  ['coupons.col.status', 'col-status'],
] as const;

export function CouponsScreen() {
  const tr = useT();
  const { t } = tr;
  const editor = useLibraryEditor<Coupon>();
  const [showArchived, setShowArchived] = useState(false);
  const { call } = useCall();
  const all = useCoupons((s) => s.all);
  const loaded = useCoupons((s) => s.loaded);
  const loading = useCoupons((s) => s.loading);
  const error = useCoupons((s) => s.error);
  const now = useNow();
  const items = all.filter((c) => c.archived === showArchived);

  useSingleKeys(editor.editing !== null, { n: editor.openNew });

  // Someone changed the coupon first: show their version, and say so rather than the core's general words.
  const refused = (message: string, cause: unknown) => {
    if (isCallError(cause, 'conflict') && cause.current) {
      useCoupons.getState().apply(cause.current as Coupon);
      notify('error', t('coupons.conflict'));
    } else {
      notify('error', message);
    }
  };
  const archiving = useArchiving(async (coupon: Coupon, archive: boolean) => {
    const params = { id: coupon.id, expectedVersion: coupon.version };
    const saved = await call(archive ? 'coupons.archive' : 'coupons.restore', params, { onError: refused });
    if (!saved) return;
    useCoupons.getState().apply(saved);
    notify('success', t(archive ? 'coupons.archived' : 'coupons.restored', { name: saved.name }));
  });

  return (
    <Screen name="coupons" title={t('coupons.title')}>
      <div className="toolbar">
        <label className="toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
          <span>{t('coupons.showArchived')}</span>
        </label>
        <div className="toolbar__actions">
          <Button variant="primary" onClick={editor.openNew} aria-keyshortcuts="N">
            + {t('coupons.new')}
          </Button>
        </div>
      </div>
      {error ? (
        <LoadFailed
          message={t('coupons.loadFailed', { message: error })}
          retryLabel={t('coupons.retry')}
          onRetry={() => void useCoupons.getState().refetch()}
        />
      ) : null}
      {!loaded && !error ? <p className="muted loading">{t('coupons.loading')}</p> : null}
      {loaded && items.length === 0 ? (
        <EmptyState
          icon="coupon"
          title={t(showArchived ? 'coupons.emptyArchivedTitle' : 'coupons.emptyTitle')}
          actions={
            showArchived ? null : (
              <Button variant="primary" onClick={editor.openNew}>
                {t('coupons.new')}
              </Button>
            )
          }
        >
          <p>{t(showArchived ? 'coupons.emptyArchivedBody' : 'coupons.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {loaded && items.length > 0 ? (
        <div className="table-wrap">
          <table className="product-table coupon-table" aria-busy={loading} aria-label={t('coupons.title')}>
            <thead>
              <tr>
                {COLUMNS.map(([key, className]) => (
                  <th key={key} scope="col" className={className}>
                    {t(key)}
                  </th>
                ))}
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{t('coupons.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((coupon) => (
                <CouponRow
                  key={coupon.id}
                  coupon={coupon}
                  now={now}
                  busy={archiving.busyIds.has(coupon.id)}
                  onEdit={editor.edit}
                  onArchive={archiving.onArchive}
                  onRestore={archiving.onRestore}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editor.editing ? (
        <CouponEditor key={editor.editing.item?.id ?? 'new'} coupon={editor.editing.item} onClose={editor.close} />
      ) : null}
    </Screen>
  );
}
