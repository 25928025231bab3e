// The cue card over the whole screen (F): open the console in a second window on the monitor facing the host,
// press F there. It asks the browser for real full screen too; leaving full screen closes it.
import { useEffect, useRef } from 'react';
import type { SessionDetail } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { SessionClock } from '../SessionTiming.tsx';
import { CueCard } from './CueCard.tsx';

interface CueOverlayProps {
  detail: SessionDetail;
  onStep(direction: 'next' | 'previous'): void;
  onStop(): void;
  onClose(): void;
}

export function CueOverlay({ detail, onStep, onStop, onClose }: CueOverlayProps) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.focus();
    let wasFullscreen = false;
    const onChange = () => {
      if (document.fullscreenElement === element) wasFullscreen = true;
      else if (wasFullscreen) onCloseRef.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    // Refused without a user gesture or in a kiosk: the overlay still fills the window.
    element.requestFullscreen?.().catch(() => undefined);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => undefined);
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const { session } = detail;
  return (
    <div ref={ref} className="cue-overlay" role="region" aria-label={t('live.cueCard')} tabIndex={-1}>
      <div className="cue-overlay__bar">
        <span className="cue-overlay__title">{session.title}</span>
        {session.state === 'live' && session.startedAt !== null ? (
          <SessionClock startedAt={session.startedAt} label={t('live.clockLabel')} />
        ) : null}
        <Button size="small" variant="ghost" onClick={onClose} aria-keyshortcuts="F Escape">
          {t('live.cueClose')} <kbd>F</kbd>
        </Button>
      </div>
      <CueCard detail={detail} variant="full" onStep={onStep} onStop={onStop} />
    </div>
  );
}
