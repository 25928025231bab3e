// Pure decisions about the core's utilityProcess: whether to restart it after a crash, and what to tell
// the user when it cannot start or keeps crashing.
import type { FatalMessage } from '../core/host/utility-messages.ts';
import { hasMessage, messageFor, type Locale } from '../core/protocol/messages.ts';

export interface RestartPolicy {
  /** Crashes allowed within `windowMs` before giving up. */
  maxCrashes: number;
  windowMs: number;
  baseDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxCrashes: 3, windowMs: 60_000, baseDelayMs: 500 };

export type RestartDecision = { restart: true; delayMs: number } | { restart: false };

/**
 * After a crash at `now`, given earlier crash times: restart with a growing delay, or give up when the core
 * crashed too often recently (a crash loop would only hide the problem and burn the CPU).
 */
export function restartDecision(
  earlierCrashes: readonly number[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const recent = earlierCrashes.filter((time) => now - time < policy.windowMs).length + 1;
  if (recent > policy.maxCrashes) return { restart: false };
  return { restart: true, delayMs: policy.baseDelayMs * 2 ** (recent - 1) };
}

export interface DialogText {
  title: string;
  content: string;
}

/** The core could not open its data (e.g. a database from a newer version): say what to do. */
export function fatalDialogText(fatal: FatalMessage, locale: Locale): DialogText {
  const zh = locale === 'zh-CN';
  const known = hasMessage(fatal.code) ? messageFor(fatal.code, locale, fatal.params) : null;
  const content = known ?? (zh ? `工作室无法启动：${fatal.message}` : `The studio could not start: ${fatal.message}`);
  return {
    title: zh ? 'LiveCart Studio 无法启动' : 'LiveCart Studio cannot start',
    content: `${content}\n\n(${fatal.code})`,
  };
}

/** A damaged database with a backup to offer: the dialog's text and buttons (the first restores). */
export interface RestoreOffer extends DialogText {
  buttons: [restore: string, quit: string];
  backup: string;
}

/** When the core could not open a damaged database and a backup exists, what to offer; null otherwise. */
export function restoreOffer(fatal: FatalMessage, locale: Locale): RestoreOffer | null {
  const backup = fatal.params.backup;
  if (fatal.code !== 'db_corrupt' || typeof backup !== 'string' || backup === '') return null;
  const zh = locale === 'zh-CN';
  return {
    ...fatalDialogText(fatal, locale),
    buttons: zh ? ['用最近的备份恢复', '退出'] : ['Restore the latest backup', 'Quit'],
    backup,
  };
}

/** Restoring failed: why, in the user's language when it is a known refusal (a command or studio has the folder). */
export function restoreFailedText(offer: DialogText, error: unknown, locale: Locale): DialogText {
  const failure = error as { code?: unknown; issues?: Array<{ code: string }>; dataDir?: unknown; pid?: unknown };
  const code = failure.issues?.[0]?.code ?? (typeof failure.code === 'string' ? failure.code : '');
  const params = { dataDir: String(failure.dataDir ?? ''), pid: String(failure.pid ?? '') };
  const known = hasMessage(code) ? messageFor(code, locale, params) : null;
  const zh = locale === 'zh-CN';
  const fallback = `${zh ? '恢复失败，数据库保持原样：' : 'Restoring failed; the database was left as it was: '}${String((error as Error).message)}`;
  return { title: offer.title, content: known ?? fallback };
}

export function gaveUpDialogText(exitCode: number, locale: Locale): DialogText {
  return locale === 'zh-CN'
    ? {
        title: 'LiveCart Studio 后台服务反复退出',
        content: `已保存的数据不受影响。请重新打开程序；如果仍然出现，请运行 “livecart doctor” 检查环境。\n\n(exit ${exitCode})`,
      }
    : {
        title: 'The LiveCart Studio core keeps stopping',
        content: `Saved data is not affected. Open the app again; if this keeps happening, run "livecart doctor".\n\n(exit ${exitCode})`,
      };
}
