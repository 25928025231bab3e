// Calls from the stream screen that answer with the whole stream state: the reply is applied at once (the
// `stream.changed` before it says the same). Failures are the caller's to show, in the host's language.
import { studio, isCallError } from '../api/index.ts';
import { describeError, describeIssue } from '../i18n/describe.ts';
import type { Translator } from '../i18n/index.ts';
import { useStream } from './stream.ts';

const apply = useStream.getState().apply;

export const streamCalls = {
  async start(): Promise<void> {
    // A settings save still in flight goes first: the show must start on what the host sees.
    await useStream.getState().savingSettings?.catch(() => undefined);
    apply(await studio.call('stream.start', {}));
  },
  async stop(): Promise<void> {
    apply(await studio.call('stream.stop', {}));
  },
  async reconnect(id: number): Promise<void> {
    apply(await studio.call('stream.reconnect', { id }));
  },
  async remove(id: number): Promise<void> {
    apply(await studio.call('stream.removeDestination', { id }));
  },
  /** Back from the stand-in test pattern to the chosen source (the reply says `restoring`; the outcome follows). */
  async setMuted(muted: boolean): Promise<void> {
    apply(await studio.call('stream.setMuted', { muted }));
  },
  async restoreSource(): Promise<void> {
    apply(await studio.call('stream.restoreSource', {}));
  },
};

/** Every reason a refusal gives (going live checks everything at once), each as a sentence. */
export function refusalReasons(tr: Translator, error: unknown): string[] {
  if (isCallError(error, 'refused') && error.issues.length > 0) {
    return [...new Set(error.issues.map((issue) => describeIssue(tr, issue)))];
  }
  return [describeError(tr, error)];
}
