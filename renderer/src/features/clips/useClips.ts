// A show's clips and its ended explanations as they would be cut now, kept fresh: reloaded when the clips change
// (a cut, a deletion), when `refreshKey` changes (an explanation ended), after a reconnect, and every few seconds
// while an explanation that just ended waits for the recording to hold its end (no event says when it does).
import { useEffect, useState } from 'react';
import type { ClipPlanView, ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { currentTranslator } from '../../i18n/index.ts';

const WAITING_RECHECK_MS = 2000;

export interface ClipsData {
  clips: ClipView[];
  plans: ClipPlanView[];
}

/** `enabled` false (an assistant's window: clips are the host's) asks nothing. */
export function useClips(sessionId: number, refreshKey: unknown = null, enabled = true) {
  const [data, setData] = useState<ClipsData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let token = 0;
    let closed = false;
    let again: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const mine = ++token;
      clearTimeout(again);
      try {
        const listed = await studio.call('clips.list', { sessionId });
        if (closed || mine !== token) return;
        setData(listed);
        setError(null);
        if (listed.plans.some((p) => p.waiting)) again = setTimeout(() => void load(), WAITING_RECHECK_MS);
      } catch (err) {
        if (!closed && mine === token) setError(describeError(currentTranslator(), err));
      }
    };
    void load();
    const offs = [
      studio.on('clips.changed', (changed) => {
        if (changed.sessionId === sessionId) void load();
      }),
      studio.onReady(() => void load()),
    ];
    return () => {
      closed = true;
      clearTimeout(again);
      offs.forEach((off) => off());
    };
  }, [sessionId, refreshKey, enabled]);

  return { data, error };
}

/** Two lists name the same explanations. */
export function sameSegments(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The clip cut of exactly these explanations, if any. */
export function clipOf(clips: readonly ClipView[], segmentIds: readonly number[]): ClipView | undefined {
  return clips.find((c) => sameSegments(c.segmentIds, segmentIds));
}
