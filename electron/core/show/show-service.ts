// One show (开播): the live session and its stream, started and ended together. The two domains stay apart (live
// owns sessions, stream owns the encoder and destinations); this is only the order of things. The session's checks
// come first (a stream never starts for a session that cannot go live), then the stream, then the session — so the
// session's clock starts with a picture already on its way, and a stream that fails leaves the session planned.
import { refused } from '../protocol/errors.ts';
import type { Session } from '../protocol/live-schemas.ts';
import { PLANNED_TIME_SLACK_MS } from '../protocol/show-schemas.ts';
import type { StreamState } from '../protocol/stream-schemas.ts';

/** What the show needs of the live room. */
export interface ShowSessions {
  session(id: number): Session;
  goLiveRefusal(id: number): string | null;
  goLive(id: number): Promise<Session>;
  end(id: number): Promise<Session>;
}

/** What the show needs of going live. */
export interface ShowStream {
  state(): StreamState;
  start(): Promise<StreamState>;
  stop(): Promise<StreamState>;
}

const RUNNING: ReadonlySet<StreamState['phase']> = new Set(['starting', 'live', 'stopping']);

export class ShowService {
  private readonly sessions: ShowSessions;
  private readonly stream: ShowStream;
  private readonly now: () => number;

  constructor(sessions: ShowSessions, stream: ShowStream, now: () => number = Date.now) {
    this.sessions = sessions;
    this.stream = stream;
    this.now = now;
  }

  async goLive(sessionId: number, options: { confirmTime: boolean; rehearse: boolean }) {
    const refusal = this.sessions.goLiveRefusal(sessionId);
    if (refusal) throw refused(refusal, `session ${sessionId} cannot go live: ${refusal}`);
    const { plannedAt } = this.sessions.session(sessionId);
    if (!options.confirmTime && plannedAt !== null && Math.abs(this.now() - plannedAt) > PLANNED_TIME_SLACK_MS) {
      throw refused('show_far_from_plan', 'the show is far from its planned time', { plannedAt });
    }
    const state = this.stream.state();
    const destinations = state.destinations.filter((d) => d.enabled).length;
    if (destinations === 0 && !options.rehearse && !RUNNING.has(state.phase)) {
      throw refused('show_no_destinations', 'no destination to broadcast to');
    }
    let started = false;
    if (!RUNNING.has(state.phase) && (destinations > 0 || state.settings.record)) {
      const after = await this.stream.start();
      if (after.phase !== 'live') {
        throw refused('show_stream_failed', `the stream did not start: ${after.error ?? after.phase}`, {
          reason: after.errorCode ?? 'stream_encoder_failed',
        });
      }
      started = true;
    }
    let session: Session;
    try {
      session = await this.sessions.goLive(sessionId);
    } catch (error) {
      // Someone else went live meanwhile, or emptied the bag: the stream started for this show stops again.
      if (started) await this.stream.stop().catch(() => undefined);
      throw error;
    }
    const now = this.stream.state();
    return { session, broadcasting: RUNNING.has(now.phase) && now.destinations.some((d) => d.enabled) };
  }

  async end(sessionId: number, stopStream: boolean) {
    const session = await this.sessions.end(sessionId);
    if (stopStream && RUNNING.has(this.stream.state().phase)) await this.stream.stop();
    return { session };
  }
}
