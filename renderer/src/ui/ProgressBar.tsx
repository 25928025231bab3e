// Job progress: a native <progress> (indeterminate until the total is known) with a text label.
interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
}

export function ProgressBar({ label, done, total }: ProgressBarProps) {
  return (
    <div className="progress">
      <div className="progress__label">{label}</div>
      {total > 0 ? (
        <progress className="progress__bar" value={Math.min(done, total)} max={total} aria-label={label} />
      ) : (
        <progress className="progress__bar" aria-label={label} />
      )}
    </div>
  );
}
