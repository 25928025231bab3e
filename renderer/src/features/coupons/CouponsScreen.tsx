// 优惠券: the coupon library. `N` opens a new coupon (when not typing); archived ones are a toggle away.
import { useCallback, useState } from 'react';
import type { Coupon } from '../../../../electron/core/protocol/contract.ts';
import { isCallError, studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useCoupons } from '../../stores/coupons.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { isTypingTarget, useWindowKeydown } from '../../ui/keys.ts';
import { Screen } from '../../ui/Screen.tsx';
import { CouponRow } from './CouponRow.tsx';
import { CouponEditor } from './editor/CouponEditor.tsx';
import { useNow } from '../../ui/useNow.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';

type Editing = { coupon: Coupon | null } | null;

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
  const [editing, setEditing] = useState<Editing>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [busyIds, setBusyIds] = useState<ReadonlySet<number>>(new Set());
  const all = useCoupons((s) => s.all);
  const loaded = useCoupons((s) => s.loaded);
  const loading = useCoupons((s) => s.loading);
  const error = useCoupons((s) => s.error);
  const now = useNow();
  const items = all.filter((c) => c.archived === showArchived);

  useWindowKeydown((event) => {
    if (editing || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      setEditing({ coupon: null });
    }
  });

  const onEdit = useCallback((coupon: Coupon) => setEditing({ coupon }), []);
  const changeArchived = useCallback(
    async (coupon: Coupon, archive: boolean) => {
      setBusyIds((ids) => new Set(ids).add(coupon.id));
      try {
        const params = { id: coupon.id, expectedVersion: coupon.version };
        const saved = await studio.call(archive ? 'coupons.archive' : 'coupons.restore', params);
        useCoupons.getState().apply(saved);
        notify('success', t(archive ? 'coupons.archived' : 'coupons.restored', { name: saved.name }));
      } catch (err) {
        if (isCallError(err, 'conflict') && err.current) {
          useCoupons.getState().apply(err.current as Coupon);
          notify('error', t('coupons.conflict'));
        } else {
          notify('error', describeError(tr, err));
        }
      } finally {
        setBusyIds((ids) => {
          const next = new Set(ids);
          next.delete(coupon.id);
          return next;
        });
      }
    },
    [t, tr],
  );
  const onArchive = useCallback((c: Coupon) => void changeArchived(c, true), [changeArchived]);
  const onRestore = useCallback((c: Coupon) => void changeArchived(c, false), [changeArchived]);
  const openNew = () => setEditing({ coupon: null });

  return (
    <Screen name="coupons" title={t('coupons.title')}>
      <div className="toolbar">
        <label className="toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
          <span>{t('coupons.showArchived')}</span>
        </label>
        <div className="toolbar__actions">
          <Button variant="primary" onClick={openNew} aria-keyshortcuts="N">
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
              <Button variant="primary" onClick={openNew}>
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
                  busy={busyIds.has(coupon.id)}
                  onEdit={onEdit}
                  onArchive={onArchive}
                  onRestore={onRestore}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <CouponEditor key={editing.coupon?.id ?? 'new'} coupon={editing.coupon} onClose={() => setEditing(null)} />
      ) : null}
    </Screen>
  );
}
