// "取消订单？" / "退款？": what will happen (the units go back to stock, the order can never change again), an
// optional note for the history, and a way back that is focused first so a stray Enter changes nothing.
import { useState } from 'react';
import type { Order, OrderStatus } from '../../../../../electron/core/protocol/contract.ts';
import { ORDER_LIMITS } from '../../../../../electron/core/protocol/limits.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { InputField } from '../../../ui/Field.tsx';

interface ConfirmStatusDialogProps {
  order: Order;
  to: OrderStatus;
  busy: boolean;
  onConfirm(note: string): void;
  onCancel(): void;
}

export function ConfirmStatusDialog({ order, to, busy, onConfirm, onCancel }: ConfirmStatusDialogProps) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const refund = to === 'refunded';
  return (
    <Dialog
      title={t(refund ? 'orders.confirm.refundTitle' : 'orders.confirm.cancelTitle', { orderNo: order.orderNo })}
      onRequestClose={onCancel}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onCancel} data-autofocus>
            {t('orders.confirm.back')}
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => onConfirm(note.trim())}>
            {t(refund ? 'orders.confirm.refund' : 'orders.confirm.cancel')}
          </Button>
        </>
      }
    >
      <p>{t(refund ? 'orders.confirm.refundBody' : 'orders.confirm.cancelBody', { units: order.units })}</p>
      <ul className="order-confirm__lines">
        {order.lines.map((line) => (
          <li key={line.lineNo}>{t('orders.confirm.line', { title: line.title, quantity: line.quantity })}</li>
        ))}
      </ul>
      <InputField
        label={t('orders.confirm.note')}
        value={note}
        maxLength={ORDER_LIMITS.note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </Dialog>
  );
}
