// 预告 / 直播中 / 已结束: the session's state at a glance (the live one in the reserved red).
import type { SessionState } from '../../../../electron/core/protocol/contract.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';

const LABEL: Record<SessionState, MessageKey> = {
  planned: 'live.state.planned',
  live: 'live.state.live',
  ended: 'live.state.ended',
};

export function StateBadge({ state }: { state: SessionState }) {
  const { t } = useT();
  return (
    <span className={`badge session-state session-state--${state}`} data-state={state}>
      {state === 'live' ? <span className="session-state__dot" aria-hidden="true" /> : null}
      {t(LABEL[state])}
    </span>
  );
}
