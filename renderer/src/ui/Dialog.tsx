// A modal built on <dialog>: the browser makes the rest of the page inert and puts the dialog on top.
// Rendered only while open, so mounting is opening: focus moves in, and goes back where it was on close.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onRequestClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  /** `panel` slides in from the right on wide screens (editing next to the list); both go full-screen on phones. */
  variant?: 'center' | 'panel';
  closeLabel: string;
  className?: string;
}

export function Dialog({
  title,
  onRequestClose,
  children,
  footer,
  variant = 'center',
  closeLabel,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onRequestClose);
  useEffect(() => {
    onCloseRef.current = onRequestClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('input, textarea, select');
    first?.focus();
    // Esc is handled on keydown: Chrome stops firing a cancelable `cancel` after one was prevented,
    // and the parent must decide (an editor with unsaved changes asks first).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onCloseRef.current();
    };
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('keydown', onKeyDown);
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('keydown', onKeyDown);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog dialog--${variant} ${className ?? ''}`} aria-labelledby={titleId}>
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="btn btn--ghost btn--icon" aria-label={closeLabel} onClick={onRequestClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="dialog__body">{children}</div>
      {footer ? <footer className="dialog__footer">{footer}</footer> : null}
    </dialog>
  );
}
