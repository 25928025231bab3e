// 直播: where the host will see the preview and go live. Streaming arrives in a later version; the
// shape is here so the layout is the one sellers will use.
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Screen } from '../../ui/Screen.tsx';

export function StreamScreen() {
  const { t } = useT();
  const [portrait, setPortrait] = useState(false);
  return (
    <Screen
      name="stream"
      title={t('nav.stream')}
      actions={
        <div className="segmented" role="group" aria-label={t('stream.orientation')}>
          <button type="button" className="segmented__item" aria-pressed={!portrait} onClick={() => setPortrait(false)}>
            {t('stream.landscape')}
          </button>
          <button type="button" className="segmented__item" aria-pressed={portrait} onClick={() => setPortrait(true)}>
            {t('stream.portrait')}
          </button>
        </div>
      }
    >
      <div className="stream__stage">
        <div
          className={`preview ${portrait ? 'preview--portrait' : 'preview--landscape'}`}
          role="img"
          aria-label={t('stream.preview')}
        >
          <span className="preview__label">{t('stream.preview')}</span>
          <span className="preview__hint">{t('stream.noSource')}</span>
        </div>
        <aside className="stream__side">
          <Button variant="danger" className="go-live" disabled aria-describedby="go-live-later">
            ● {t('stream.goLive')}
          </Button>
          <p id="go-live-later" className="muted">
            {t('stream.later')}
          </p>
        </aside>
      </div>
    </Screen>
  );
}
