// Wires the live room's protocol methods to its service.
import type { StudioServer } from '../rpc/server.ts';
import type { LiveService } from './live-service.ts';

export function registerLive(server: StudioServer, live: LiveService): void {
  server.handle('live.sessions', ({ includeEnded }) => server.snapshot(() => ({ items: live.sessions(includeEnded) })));
  server.handle('live.session', ({ id }) => server.snapshot(() => live.detail(id)));
  server.handle('live.createSession', ({ input }) => live.create(input));
  server.handle('live.updateSession', ({ id, expectedVersion, patch }) => live.update(id, expectedVersion, patch));
  server.handle('live.goLive', ({ id }) => live.goLive(id));
  server.handle('live.end', ({ id }) => live.end(id));
  server.handle('live.bagAdd', ({ sessionId, productId }) => live.bagAdd(sessionId, productId));
  server.handle('live.bagRemove', ({ sessionId, productId }) => live.bagRemove(sessionId, productId));
  server.handle('live.bagMove', ({ sessionId, productId, toIndex }) => live.bagMove(sessionId, productId, toIndex));
  server.handle('live.bagSet', ({ sessionId, productId, listed, soldOut }) =>
    live.bagSet(sessionId, productId, { listed, soldOut }),
  );
  server.handle('live.bagRenumber', ({ sessionId }) => live.bagRenumber(sessionId));
  server.handle('live.explain', ({ sessionId, productId, linkNo }) =>
    live.explain(sessionId, productId !== undefined ? { productId } : { linkNo: linkNo! }),
  );
  server.handle('live.explainStep', ({ sessionId, direction }) => live.explainStep(sessionId, direction));
  server.handle('live.stopExplaining', ({ sessionId }) => live.stopExplaining(sessionId));
  server.handle('live.pushCoupon', ({ sessionId, couponId }) => live.pushCoupon(sessionId, couponId));
  server.handle('live.stopCoupon', ({ sessionId, couponId }) => live.stopCoupon(sessionId, couponId));
}
