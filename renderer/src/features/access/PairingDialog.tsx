// The one moment a pairing token is visible: its QR code and link, a Copy button, and the warning that it is
// not shown again. Closing the dialog drops the token from memory for good.
import { useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { QrCode } from '../../ui/QrCode.tsx';

interface PairingDialogProps {
  name: string;
  /** One link per LAN address of the studio, the likeliest first. */
  urls: string[];
  onClose(): void;
}

/** `192.168.1.20` out of `http://192.168.1.20:17880/#token=…`, to tell addresses apart without the token. */
function addressOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export function PairingDialog({ name, urls, onClose }: PairingDialogProps) {
  const { t } = useT();
  const [chosen, setChosen] = useState(0);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const linkRef = useRef<HTMLInputElement>(null);
  const linkId = useId();
  const url = urls[chosen] ?? urls[0] ?? '';

  const copyLink = async () => {
    try {
      // Missing outside a secure context (a LAN page over http) or when the permission is refused.
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      setCopy('manual');
      linkRef.current?.focus();
      linkRef.current?.select();
    }
  };

  return (
    <Dialog
      title={t('access.pairTitle', { name })}
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      className="pairing"
      footer={
        <Button variant="primary" onClick={onClose} data-autofocus>
          {t('access.done')}
        </Button>
      }
    >
      <p>{t('access.pairScan')}</p>
      <QrCode value={url} label={t('access.qrLabel', { name })} className="pairing__qr" />
      {urls.length > 1 ? (
        <div className="segmented pairing__addresses" role="group" aria-label={t('access.chooseAddress')}>
          {urls.map((candidate, index) => (
            <button
              key={candidate}
              type="button"
              className="segmented__item mono"
              aria-pressed={index === chosen}
              onClick={() => {
                setChosen(index);
                setCopy('idle');
              }}
            >
              {addressOf(candidate)}
            </button>
          ))}
        </div>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={linkId}>
          {t('access.pairLink')}
        </label>
        <div className="pairing__link">
          <input
            id={linkId}
            ref={linkRef}
            className="field__input mono"
            value={url}
            readOnly
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={() => void copyLink()}>{t('access.copy')}</Button>
        </div>
        <p className="field__hint" role="status">
          {copy === 'copied' ? t('access.copied') : copy === 'manual' ? t('access.copyManually') : ''}
        </p>
      </div>
      <p className="pairing__once">{t('access.pairOnce')}</p>
    </Dialog>
  );
}
