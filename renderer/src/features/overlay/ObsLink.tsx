// The OBS page's address: asked for on demand (the core makes its token then and keeps it, so OBS's URL survives
// restarts), copied with one click, replaced when it leaked (the pages open with the old one stop).
import { useState } from 'react';
import { describeError } from '../../i18n/describe.ts';
import { messageFor } from '../../../../electron/core/protocol/messages.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useOverlay } from '../../stores/overlay.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';

export function ObsLink() {
  const tr = useT();
  const { t, locale } = tr;
  const page = useOverlay((s) => s.page);
  const [confirming, setConfirming] = useState(false);
  const load = (rotate: boolean) =>
    useOverlay
      .getState()
      .loadPage(rotate)
      .catch((error: unknown) => notify('error', describeError(tr, error)));
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      notify('success', t('overlay.obsCopied'));
    } catch {
      // No clipboard (an insecure page): the address is selectable in its field.
    }
  };
  return (
    <div className="overlay-obs" data-testid="overlay-obs">
      <h3 className="panel__subtitle">{t('overlay.obs')}</h3>
      <p className="muted">{t('overlay.obsIntro')}</p>
      {page?.url ? (
        <div className="overlay-obs__link">
          <input
            className="input"
            readOnly
            value={page.url}
            aria-label={t('overlay.obs')}
            onFocus={(e) => e.target.select()}
          />
          <Button size="small" onClick={() => void copy(page.url!)}>
            {t('overlay.obsCopy')}
          </Button>
          <Button size="small" variant="ghost" onClick={() => setConfirming(true)}>
            {t('overlay.obsRotate')}
          </Button>
        </div>
      ) : (
        <Button size="small" onClick={() => void load(false)}>
          {t('overlay.obsGet')}
        </Button>
      )}
      {page?.problem ? (
        <p className="callout callout--warning" role="alert">
          {messageFor(page.problem, locale)}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('overlay.obsRotate')}
          confirmLabel={t('overlay.obsRotate')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void load(true);
          }}
        >
          <p>{t('overlay.obsRotateConfirm')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
