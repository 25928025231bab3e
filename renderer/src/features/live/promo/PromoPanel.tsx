// 开播预告: before the show, what the seller sends out — the announcement text (copied in one press; when
// the clipboard is refused, the text is selected for Ctrl+C instead) and a poster with the promo link's QR.
import { useEffect, useId, useRef, useState } from 'react';
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT, type Locale } from '../../../i18n/index.ts';
import { notify } from '../../../stores/notices.ts';
import { Button } from '../../../ui/Button.tsx';
import { downloadBlob } from '../../../ui/file-transfer.ts';
import { announcementText, posterFileName } from './announcement.ts';
import { renderPoster } from './poster-image.ts';

const LANGUAGES: ReadonlyArray<{ locale: Locale; label: string }> = [
  { locale: 'zh-CN', label: '中文' },
  { locale: 'en', label: 'English' },
];

function usePosterPreview(session: Session, locale: Locale): string | null {
  const [preview, setPreview] = useState<{ key: string; url: string } | null>(null);
  const key = `${session.id}:${session.version}:${locale}`;
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    renderPoster(session, locale)
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setPreview({ key, url });
      })
      .catch(() => undefined); // the save button reports its own failure
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [session, locale, key]);
  return preview?.key === key ? preview.url : null;
}

export function PromoPanel({ session }: { session: Session }) {
  const tr = useT();
  const { t } = tr;
  const [language, setLanguage] = useState<Locale>(tr.locale);
  const [copyFailed, setCopyFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const textId = useId();
  const text = announcementText(session, language);
  const preview = usePosterPreview(session, language);

  async function copy(): Promise<void> {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopyFailed(false);
      notify('success', t('live.promo.copied'));
    } catch {
      // Clipboard refused (plain http on the LAN, or no permission): select the text for Ctrl+C instead.
      setCopyFailed(true);
      textRef.current?.focus();
      textRef.current?.select();
    }
  }

  async function savePoster(): Promise<void> {
    setSaving(true);
    try {
      downloadBlob(posterFileName(session, language), await renderPoster(session, language));
      notify('success', t('live.poster.saved'));
    } catch (error) {
      notify('error', describeError(tr, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel promo-panel" aria-labelledby="promo-title">
      <header className="panel__header">
        <h2 id="promo-title" className="panel__title">
          {t('live.promo.title')}
        </h2>
        <div className="segmented" role="group" aria-label={t('live.promo.language')}>
          {LANGUAGES.map(({ locale, label }) => (
            <button
              key={locale}
              type="button"
              className="segmented__item"
              lang={locale}
              aria-pressed={language === locale}
              onClick={() => setLanguage(locale)}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      <div className="promo-panel__body">
        <div className="promo-panel__text">
          <label className="field__label" htmlFor={textId}>
            {t('live.promo.textLabel')}
          </label>
          <textarea
            id={textId}
            ref={textRef}
            className="field__input field__input--area promo-panel__textarea"
            readOnly
            rows={7}
            value={text}
            data-testid="announcement-text"
          />
          {copyFailed ? (
            <p className="callout callout--warning" role="status">
              {t('live.promo.copyFallback')}
            </p>
          ) : null}
          <div className="promo-panel__actions">
            <Button variant="primary" onClick={() => void copy()}>
              {t('live.promo.copy')}
            </Button>
          </div>
        </div>
        <div className="promo-panel__poster">
          {preview ? (
            <img className="poster-preview" src={preview} alt={t('live.poster.previewAlt')} />
          ) : (
            <div className="poster-preview poster-preview--empty" aria-hidden="true" />
          )}
          <Button onClick={() => void savePoster()} disabled={saving}>
            {t('live.poster.save')}
          </Button>
          {!session.promoLink ? <p className="muted promo-panel__note">{t('live.poster.noLink')}</p> : null}
        </div>
      </div>
    </section>
  );
}
