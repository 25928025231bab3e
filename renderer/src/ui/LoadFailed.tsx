// What a screen shows when its list could not be loaded: why, and a way to try again (the reconnect retries too).
import { Button } from './Button.tsx';

export function LoadFailed({ message, retryLabel, onRetry }: { message: string; retryLabel: string; onRetry(): void }) {
  return (
    <div className="callout callout--danger" role="alert">
      <p className="callout__title">{message}</p>
      <Button size="small" onClick={onRetry}>
        {retryLabel}
      </Button>
    </div>
  );
}
