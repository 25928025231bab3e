// Page through a long catalogue; hidden when everything fits on one page.
import { useT } from '../../../i18n/index.ts';
import { PAGE_SIZE, useCatalog } from '../../../stores/catalog.ts';
import { Button } from '../../../ui/Button.tsx';

export function Pager() {
  const { t } = useT();
  const offset = useCatalog((s) => s.offset);
  const total = useCatalog((s) => s.total);
  const count = useCatalog((s) => s.items.length);
  const setOffset = useCatalog((s) => s.setOffset);
  if (total <= PAGE_SIZE) {
    return <p className="pager muted">{t('catalog.count', { total })}</p>;
  }
  return (
    <nav className="pager" aria-label={t('catalog.pager')}>
      <Button size="small" disabled={offset === 0} onClick={() => setOffset(offset - PAGE_SIZE)}>
        ‹ {t('catalog.prev')}
      </Button>
      <span className="muted">{t('catalog.range', { from: offset + 1, to: offset + count, total })}</span>
      <Button size="small" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
        {t('catalog.next')} ›
      </Button>
    </nav>
  );
}
