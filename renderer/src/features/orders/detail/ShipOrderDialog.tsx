// 发货 for one order: the courier and the tracking number, both required, as batch shipping records them.
import { useState, type FormEvent } from 'react';
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { ORDER_LIMITS } from '../../../../../electron/core/protocol/limits.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { InputField } from '../../../ui/Field.tsx';

export interface Shipment {
  carrier: string;
  trackingNo: string;
}

interface ShipOrderDialogProps {
  order: Order;
  busy: boolean;
  onConfirm(shipment: Shipment): void;
  onCancel(): void;
}

export function ShipOrderDialog({ order, busy, onConfirm, onCancel }: ShipOrderDialogProps) {
  const { t } = useT();
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [tried, setTried] = useState(false);
  const missing = (value: string) => (tried && !value.trim() ? t('orders.shipOne.required') : undefined);

  function submit(event?: FormEvent): void {
    event?.preventDefault();
    setTried(true);
    if (carrier.trim() && trackingNo.trim()) onConfirm({ carrier: carrier.trim(), trackingNo: trackingNo.trim() });
  }

  return (
    <Dialog
      title={t('orders.shipOne.title', { orderNo: order.orderNo })}
      onRequestClose={onCancel}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onCancel}>{t('orders.confirm.back')}</Button>
          <Button variant="primary" disabled={busy} onClick={() => submit()}>
            {t('orders.shipOne.confirm')}
          </Button>
        </>
      }
    >
      <form onSubmit={submit} className="order-ship-one">
        <InputField
          label={t('orders.shipOne.carrier')}
          value={carrier}
          maxLength={ORDER_LIMITS.carrier}
          error={missing(carrier)}
          data-autofocus
          onChange={(e) => setCarrier(e.currentTarget.value)}
        />
        <InputField
          label={t('orders.shipOne.trackingNo')}
          value={trackingNo}
          maxLength={ORDER_LIMITS.trackingNo}
          error={missing(trackingNo)}
          onChange={(e) => setTrackingNo(e.currentTarget.value)}
        />
        {/* Enter in either field submits, as in every form of the studio. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
