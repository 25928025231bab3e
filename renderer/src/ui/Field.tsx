// A labelled form field whose error (from the core's issues or our own parsing) sits right under it.
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

interface FieldShell {
  label: string;
  hint?: string;
  error?: string | undefined;
}

type InputFieldProps = FieldShell & InputHTMLAttributes<HTMLInputElement>;
type AreaFieldProps = FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>;

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Label, control, error and hint, wired together for screen readers; the control is whatever `render` gives. */
function FieldFrame({
  label,
  hint,
  error,
  className,
  render,
}: FieldShell & { className: string | undefined; render(props: ControlProps): ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {render({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function InputField({ label, hint, error, className, ...input }: InputFieldProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      render={(control) => <input className="field__input" {...control} {...input} />}
    />
  );
}

export function AreaField({ label, hint, error, className, ...area }: AreaFieldProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      render={(control) => <textarea className="field__input field__input--area" {...control} {...area} />}
    />
  );
}
