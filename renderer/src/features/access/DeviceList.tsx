// Paired devices: who they are, when they were paired and last seen, whether they are connected now, and a
// Revoke button that asks first (a revoked device needs a new QR code).
import { useState } from 'react';
import type { Device } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DevicePermissions } from './DevicePermissions.tsx';

interface DeviceListProps {
  /** Devices not yet revoked. */
  devices: Device[];
  onRevoke(device: Device): Promise<void>;
}

export function DeviceList({ devices, onRevoke }: DeviceListProps) {
  const { t, locale } = useT();
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [busy, setBusy] = useState(false);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));

  if (devices.length === 0) return <p className="muted">{t('access.noDevices')}</p>;
  return (
    <>
      <ul className="devices" aria-label={t('access.devices')}>
        {devices.map((device) => (
          <li key={device.id} className="device" data-testid="access-device">
            <div className="device__who">
              <span className="device__name">{device.name}</span>
              {device.connected > 0 ? (
                <span className="badge badge--online">
                  {device.connected > 1 ? t('access.connectedMany', { n: device.connected }) : t('access.connected')}
                </span>
              ) : null}
            </div>
            <div className="device__when muted">
              <span>{t('access.pairedAt', { time: time(device.createdAt) })}</span>
              <span>
                {device.lastSeenAt === null
                  ? t('access.neverSeen')
                  : t('access.lastSeen', { time: time(device.lastSeenAt) })}
              </span>
            </div>
            <DevicePermissions device={device} />
            <Button
              size="small"
              className="device__revoke"
              aria-label={t('access.revokeLabel', { name: device.name })}
              onClick={() => setRevoking(device)}
            >
              {t('access.revoke')}
            </Button>
          </li>
        ))}
      </ul>
      {revoking ? (
        <Dialog
          title={t('access.revokeTitle', { name: revoking.name })}
          onRequestClose={() => setRevoking(null)}
          closeLabel={t('common.close')}
          footer={
            <>
              {/* Focus starts on Cancel: a stray Enter must not cut off an assistant mid-show. */}
              <Button onClick={() => setRevoking(null)} data-autofocus>
                {t('access.cancel')}
              </Button>
              <Button
                variant="danger"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void onRevoke(revoking).finally(() => {
                    setBusy(false);
                    setRevoking(null);
                  });
                }}
              >
                {t('access.revoke')}
              </Button>
            </>
          }
        >
          <p>{t('access.revokeBody')}</p>
        </Dialog>
      ) : null}
    </>
  );
}
