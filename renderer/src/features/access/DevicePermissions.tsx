// What one paired device may do, as the host chooses it: a checkbox per capability. The core enforces the choice
// (and reconnects the device's open pages so they show only what it may do now).
import { useId, useState } from 'react';
import { CAPABILITIES, type Capability } from '../../../../electron/core/protocol/choices.ts';
import type { Device } from '../../../../electron/core/protocol/contract.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useCall } from '../../ui/useCall.ts';

const LABEL: Record<Capability, MessageKey> = {
  bag: 'access.cap.bag',
  orders: 'access.cap.orders',
  contacts: 'access.cap.contacts',
  files: 'access.cap.files',
  show: 'access.cap.show',
};

export function DevicePermissions({ device }: { device: Device }) {
  const { t } = useT();
  const legend = useId();
  const { call, busy } = useCall();
  // The click shows at once; once the studio's answer changes the device as stored, that is shown instead.
  const stored = device.capabilities.join();
  const [pending, setPending] = useState<{ base: string; capabilities: Capability[] } | null>(null);
  const current = pending?.base === stored ? pending.capabilities : device.capabilities;

  async function toggle(capability: Capability, on: boolean): Promise<void> {
    const next = on ? [...current, capability] : current.filter((c) => c !== capability);
    setPending({ base: stored, capabilities: next });
    const saved = await call('access.setCapabilities', { id: device.id, capabilities: next });
    if (saved) notify('success', t('access.capsSaved', { name: device.name }));
    else setPending(null);
  }

  return (
    <fieldset className="device__caps" aria-labelledby={legend}>
      <legend id={legend} className="muted">
        {t('access.may', { name: device.name })}
      </legend>
      {CAPABILITIES.map((capability) => (
        <label key={capability} className="toggle">
          <input
            type="checkbox"
            checked={current.includes(capability)}
            disabled={busy}
            data-capability={capability}
            onChange={(e) => void toggle(capability, e.currentTarget.checked)}
          />
          <span>{t(LABEL[capability])}</span>
        </label>
      ))}
    </fieldset>
  );
}
