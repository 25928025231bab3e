// A yes/no question before something that cannot be taken back mid-show (ending it, renumbering links).
// Focus starts on "cancel": a stray Enter under pressure must not end the show.
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  children: ReactNode;
  /** A second way forward beside the main one (e.g. stop only the stream, not the show). */
  alternative?: { label: string; onClick(): void };
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({
  title,
  confirmLabel,
  danger,
  busy,
  children,
  alternative,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useT();
  return (
    <Dialog
      title={title}
      onRequestClose={onCancel}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onCancel} data-autofocus>
            {t('live.cancel')}
          </Button>
          {alternative ? (
            <Button onClick={alternative.onClick} disabled={busy}>
              {alternative.label}
            </Button>
          ) : null}
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
