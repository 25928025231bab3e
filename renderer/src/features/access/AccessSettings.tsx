// 助理访问 in the host's settings: the LAN switch (off by default), where assistants connect or why they
// cannot, pairing a device (its QR code is shown once), and the paired devices with Revoke.
import { useState, type FormEvent } from 'react';
import type { Device } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { InputField } from '../../ui/Field.tsx';
import { Switch } from '../../ui/Switch.tsx';
import { useCall } from '../../ui/useCall.ts';
import { DeviceList } from './DeviceList.tsx';
import { PairingDialog } from './PairingDialog.tsx';
import { useAccessState } from './useAccessState.ts';

export function AccessSettings() {
  const tr = useT();
  const { t, msg } = tr;
  const { state, error, apply } = useAccessState();
  const switching = useCall();
  const pairing = useCall();
  const revoking = useCall();
  const [name, setName] = useState('');
  const [paired, setPaired] = useState<{ name: string; urls: string[] } | null>(null);

  const active = state?.devices.filter((device) => device.revokedAt === null) ?? [];
  const suggestedName = t('access.defaultName', { n: active.length + 1 });

  const setEnabled = async (enabled: boolean) => {
    const next = await switching.call('access.setEnabled', { enabled });
    if (next) apply(next);
  };

  const pair = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await pairing.call('access.pairDevice', { name: name.trim() || suggestedName });
    if (!answer) return;
    setPaired({ name: answer.device.name, urls: answer.pairingUrls });
    setName('');
  };

  const revoke = async (device: Device) => {
    const next = await revoking.call('access.revoke', { id: device.id });
    if (!next) return;
    apply(next);
    notify('success', t('access.revoked', { name: device.name }));
  };

  return (
    <section className="access" aria-labelledby="access-title" data-testid="access-settings">
      <h2 id="access-title" className="settings__subtitle">
        {t('access.title')}
      </h2>
      <p className="muted access__intro">{t('access.intro')}</p>
      {error ? <p className="field__error">{error}</p> : null}
      <Switch
        checked={state?.enabled ?? false}
        label={t('access.switch')}
        detail={switching.busy ? t('access.starting') : undefined}
        disabled={!state || switching.busy}
        onChange={(enabled) => void setEnabled(enabled)}
      />
      {state?.enabled ? (
        <>
          {state.problem ? (
            <p className="callout callout--warning" role="alert">
              {msg(state.problem)}
            </p>
          ) : null}
          {state.urls.length > 0 ? (
            <div className="access__where">
              <span className="field__label">{t('access.address')}</span>
              <ul className="access__urls">
                {state.urls.map((url) => (
                  <li key={url} className="mono" data-testid="access-url">
                    {url}
                  </li>
                ))}
              </ul>
              <span className="field__hint">{t('access.addressHint')}</span>
            </div>
          ) : null}
          <form className="access__pair" onSubmit={(event) => void pair(event)}>
            <InputField
              label={t('access.deviceName')}
              value={name}
              placeholder={suggestedName}
              maxLength={40}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Button type="submit" variant="primary" disabled={pairing.busy || state.urls.length === 0}>
              {t('access.pair')}
            </Button>
          </form>
        </>
      ) : null}
      <h3 className="access__devices-title">{t('access.devices')}</h3>
      <DeviceList devices={active} onRevoke={revoke} />
      {paired ? <PairingDialog name={paired.name} urls={paired.urls} onClose={() => setPaired(null)} /> : null}
    </section>
  );
}
