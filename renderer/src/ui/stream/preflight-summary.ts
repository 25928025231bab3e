// The pre-flight report's one sentence (its whole level), shown by the stream screen and the live console.
import type { CheckLevel } from '../../../../electron/core/protocol/preflight-schemas.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** The sentence for the whole report's level. */
export function summaryKey(level: CheckLevel): MessageKey {
  if (level === 'pending') return 'preflight.running';
  return level === 'warn' || level === 'fail' ? `preflight.summary.${level}` : 'preflight.summary.ok';
}
