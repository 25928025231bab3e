// 直播间: `#/live` lists the sessions; `#/live/12` is session 12's console (bag, explaining, coupons, timeline).
import { useRoute } from '../../stores/route.ts';
import { ConsoleScreen } from './console/ConsoleScreen.tsx';
import { SessionsScreen } from './sessions/SessionsScreen.tsx';

export function LiveScreen() {
  const param = useRoute((s) => s.param);
  const id = param !== null && /^[1-9]\d{0,9}$/.test(param) ? Number(param) : null;
  return id === null ? <SessionsScreen /> : <ConsoleScreen key={id} sessionId={id} />;
}
