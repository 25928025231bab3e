// `livecart clips list|cut|export --session ID`: a show's explanation clips (讲解回放), as the report offers them.
import path from 'node:path';
import { planView } from '../clips/clip-handlers.ts';
import type { ClipService } from '../clips/clip-service.ts';
import { StudioError } from '../protocol/errors.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { openStudio } from '../studio.ts';
import { EXIT_FAILED, EXIT_OK, say, UsageError } from './args.ts';
import { formatIssue, withConsoleProgress } from './console-progress.ts';

export interface ClipFlags {
  session?: string;
  exact?: boolean;
  join?: boolean;
  vertical?: boolean;
  out?: string;
}

const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function sessionOf(flags: ClipFlags, locale: Locale): number {
  const id = Number(flags.session);
  if (flags.session === undefined || !/^\d+$/.test(flags.session.trim()) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(
      say(locale, 'clips 需要 --session 场次编号（正整数）', 'clips needs --session ID (a positive whole number)'),
    );
  }
  return id;
}

function list(clips: ClipService, sessionId: number, locale: Locale): void {
  const made = clips.list(sessionId);
  for (const plan of clips.plans(sessionId).map(planView)) {
    const clip = made.find((c) => c.segmentIds.includes(plan.segmentIds[0]!));
    const missing = plan.missing.reduce((sum, [a, b]) => sum + b - a, 0);
    const parts = [
      say(locale, `${plan.linkNo}号 ${plan.title}`, `No. ${plan.linkNo} ${plan.title}`),
      clock(plan.recordedMs),
      clip ? path.basename(clip.file) : say(locale, '未剪辑', 'not cut'),
      missing > 0 ? say(locale, `缺 ${clock(missing)}`, `${clock(missing)} missing`) : '',
    ];
    console.log(parts.filter(Boolean).join('  ·  '));
  }
}

export async function clipsCommand(sub: string | undefined, flags: ClipFlags, dataDir: string, locale: Locale) {
  if (sub !== 'list' && sub !== 'cut' && sub !== 'export') {
    throw new UsageError(`unknown clips command: ${sub ?? '(none)'}`);
  }
  const sessionId = sessionOf(flags, locale);
  if (sub === 'export' && !flags.out) {
    throw new UsageError(say(locale, 'clips export 需要 --out 文件夹', 'clips export needs --out DIR'));
  }
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    const { clips } = studio;
    if (sub === 'list') {
      list(clips, sessionId, locale);
      return EXIT_OK;
    }
    if (sub === 'cut' || (sub === 'export' && clips.list(sessionId).length === 0)) {
      const request = { sessionId, exact: flags.exact, join: flags.join, vertical: flags.vertical };
      const outcome = await withConsoleProgress(locale, (progress) => clips.cut(request, progress));
      for (const warning of outcome.warnings ?? []) console.error(formatIssue(warning, locale));
      console.error(say(locale, `已剪辑 ${outcome.summary.clips} 段回放`, `Cut ${outcome.summary.clips} clip(s)`));
    }
    if (sub === 'export') {
      const files = await clips.exportTo(
        clips.list(sessionId).map((c) => c.id),
        path.resolve(flags.out!),
      );
      for (const file of files) console.log(file);
    } else {
      list(clips, sessionId, locale);
    }
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    const issue = error.issues?.[0];
    console.error(issue ? messageFor(issue.code, locale, issue.params) : messageFor(error.code, locale));
    return EXIT_FAILED;
  } finally {
    await studio.close();
  }
}
