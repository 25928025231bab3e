// One 开播 for the show: the session's own checks first, the planned time and the destinations asked about, the
// stream started before the session (a stream that fails leaves the session planned; a session that fails stops the
// stream it started), and the end stopping both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import type { Session } from '../../electron/core/protocol/live-schemas.ts';
import type { StreamState } from '../../electron/core/protocol/stream-schemas.ts';
import { ShowService, type ShowSessions, type ShowStream } from '../../electron/core/show/show-service.ts';

const NOW = Date.UTC(2026, 11, 2, 12);

function session(over: Partial<Session> = {}): Session {
  return {
    id: 1,
    title: '秋茶专场',
    coverImageId: null,
    plannedAt: NOW,
    notes: '',
    promoLink: null,
    state: 'planned',
    startedAt: null,
    endedAt: null,
    bagCount: 2,
    version: 1,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

function fakes(
  options: {
    destinations?: number;
    record?: boolean;
    startsAs?: StreamState['phase'];
    refusal?: string | null;
    raced?: boolean;
  } = {},
) {
  const calls: string[] = [];
  let phase: StreamState['phase'] = 'idle';
  let current = session();
  const stream: ShowStream = {
    state: () =>
      ({
        phase,
        error: phase === 'failed' ? 'no camera' : null,
        errorCode: phase === 'failed' ? 'stream_encoder_failed' : null,
        settings: { record: options.record ?? false },
        destinations: Array.from({ length: options.destinations ?? 1 }, (_, i) => ({ id: i + 1, enabled: true })),
      }) as unknown as StreamState,
    start: async () => {
      calls.push('stream.start');
      phase = options.startsAs ?? 'live';
      return stream.state();
    },
    stop: async () => {
      calls.push('stream.stop');
      phase = 'idle';
      return stream.state();
    },
  };
  const sessions: ShowSessions = {
    session: () => current,
    goLiveRefusal: () => options.refusal ?? null,
    goLive: async () => {
      calls.push('live.goLive');
      // Another assistant went live with another session between the check and now.
      if (options.raced) throw new StudioError('refused', 'session 2 is live');
      current = { ...current, state: 'live', startedAt: NOW };
      return current;
    },
    end: async () => {
      calls.push('live.end');
      current = { ...current, state: 'ended' };
      return current;
    },
  };
  return { show: new ShowService(sessions, stream, () => NOW), calls, setSession: (s: Session) => (current = s) };
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof StudioError, String(error));
    return error.issues?.[0]?.code ?? error.code;
  }
  assert.fail('expected a refusal');
}

test('开播 with destinations: the stream starts first, then the session; broadcasting', async () => {
  const { show, calls } = fakes();
  const result = await show.goLive(1, { confirmTime: false, rehearse: false });
  assert.deepEqual(calls, ['stream.start', 'live.goLive']);
  assert.equal(result.session.state, 'live');
  assert.equal(result.broadcasting, true);
});

test('the session’s own refusal comes before any stream starts', async () => {
  const { show, calls } = fakes({ refusal: 'session_bag_empty' });
  assert.equal(await refusal(show.goLive(1, { confirmTime: false, rehearse: false })), 'session_bag_empty');
  assert.deepEqual(calls, []);
});

test('far from the planned time: asked first; going ahead once confirmed', async () => {
  const { show, calls, setSession } = fakes();
  setSession(session({ plannedAt: NOW + 40 * 3_600_000 }));
  assert.equal(await refusal(show.goLive(1, { confirmTime: false, rehearse: false })), 'show_far_from_plan');
  assert.deepEqual(calls, []);
  await show.goLive(1, { confirmTime: true, rehearse: false });
  assert.deepEqual(calls, ['stream.start', 'live.goLive']);
  // Within half an hour of the poster's time, and with no time planned, nothing is asked.
  const near = fakes();
  near.setSession(session({ plannedAt: NOW - 29 * 60_000 }));
  await near.show.goLive(1, { confirmTime: false, rehearse: false });
  const unplanned = fakes();
  unplanned.setSession(session({ plannedAt: null }));
  await unplanned.show.goLive(1, { confirmTime: false, rehearse: false });
});

test('no destination: said plainly; a rehearsal goes live recording locally, or with no stream at all', async () => {
  const none = fakes({ destinations: 0, record: true });
  assert.equal(await refusal(none.show.goLive(1, { confirmTime: false, rehearse: false })), 'show_no_destinations');
  const rehearsal = await none.show.goLive(1, { confirmTime: false, rehearse: true });
  assert.deepEqual(none.calls, ['stream.start', 'live.goLive'], 'the recording runs for the rehearsal');
  assert.equal(rehearsal.broadcasting, false);
  const bare = fakes({ destinations: 0, record: false });
  await bare.show.goLive(1, { confirmTime: false, rehearse: true });
  assert.deepEqual(bare.calls, ['live.goLive'], 'nothing to record: the session alone');
});

test('a stream that does not start leaves the session planned, with why', async () => {
  const { show, calls } = fakes({ startsAs: 'failed' });
  assert.equal(await refusal(show.goLive(1, { confirmTime: false, rehearse: false })), 'show_stream_failed');
  assert.deepEqual(calls, ['stream.start']);
});

test('a session that cannot go live after all stops the stream started for it', async () => {
  const { show, calls } = fakes({ raced: true });
  await assert.rejects(show.goLive(1, { confirmTime: false, rehearse: false }), /session 2 is live/);
  assert.deepEqual(calls, ['stream.start', 'live.goLive', 'stream.stop']);
});

test('下播 ends the session and stops the stream; keeping the stream is asked for explicitly', async () => {
  const { show, calls } = fakes();
  await show.goLive(1, { confirmTime: false, rehearse: false });
  await show.end(1, true);
  assert.deepEqual(calls.slice(2), ['live.end', 'stream.stop']);
  const keep = fakes();
  await keep.show.goLive(1, { confirmTime: false, rehearse: false });
  await keep.show.end(1, false);
  assert.deepEqual(keep.calls.slice(2), ['live.end']);
});
