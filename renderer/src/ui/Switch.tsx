// An on/off switch: a real <button role="switch">, so Tab reaches it, Space and Enter flip it, and screen
// readers announce "on"/"off". The visible label is its accessible name.
interface SwitchProps {
  checked: boolean;
  label: string;
  onChange(checked: boolean): void;
  disabled?: boolean;
  /** A line under the label (what is happening now). */
  detail?: string;
}

export function Switch({ checked, label, onChange, disabled, detail }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      className="switch"
      disabled={disabled}
      onClick={() => onChange(!checked)}
    >
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      <span className="switch__text">
        <span className="switch__label">{label}</span>
        {detail ? <span className="switch__detail">{detail}</span> : null}
      </span>
    </button>
  );
}
