// `livecart clips list|cut|export [--session ID]` (a show's explanation clips, 讲解回放, as the report offers them)
// and `livecart clips reel --session ID --out FILE` (its long video, 合集).
import path from 'node:path';
import { planView } from '../clips/clip-handlers.ts';
import type { ClipService } from '../clips/clip-service.ts';
import { StudioError } from '../protocol/errors.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { openStudio } from '../studio.ts';
import { REEL_MAX_MS } from '../clips/reel-plan.ts';
import { EXIT_FAILED, EXIT_OK, say, UsageError } from './args.ts';
import { formatIssue, withConsoleProgress } from './console-progress.ts';

export interface ClipFlags {
  session?: string;
  exact?: boolean;
  join?: boolean;
  vertical?: boolean;
  out?: string;
  /** The reel's longest length: `30m`, `90s`, `25` (minutes). */
  max?: string;
  /** The reel's explanations in order: `3,1,2`. */
  segments?: string;
  lowerThird?: boolean;
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

/** `30m`, `90s`, `25` (minutes) → ms, at most 视频号's 30 minutes. */
export function parseMax(text: string | undefined, locale: Locale): number {
  if (text === undefined) return REEL_MAX_MS;
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|s)?$/i.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2]?.toLowerCase() === 's' ? 1000 : 60_000) : NaN;
  if (!Number.isFinite(ms) || ms < 1000 || ms > REEL_MAX_MS) {
    throw new UsageError(
      say(locale, '--max 写成 30m 或 90s，最长 30 分钟', '--max is written 30m or 90s, at most 30 minutes'),
    );
  }
  return Math.round(ms);
}

function parseSegments(text: string | undefined, locale: Locale): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((part) => Number(part.trim()));
  if (ids.length === 0 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
    throw new UsageError(
      say(locale, '--segments 写成 3,1,2（讲解编号）', '--segments is written 3,1,2 (explanation ids)'),
    );
  }
  return ids;
}

export async function clipsCommand(sub: string | undefined, flags: ClipFlags, dataDir: string, locale: Locale) {
  if (sub !== 'list' && sub !== 'cut' && sub !== 'export' && sub !== 'reel') {
    throw new UsageError(`unknown clips command: ${sub ?? '(none)'}`);
  }
  if ((sub === 'export' || sub === 'reel') && !flags.out) {
    throw new UsageError(
      sub === 'export'
        ? say(locale, 'clips export 需要 --out 文件夹', 'clips export needs --out DIR')
        : say(locale, 'clips reel 需要 --out 文件', 'clips reel needs --out FILE'),
    );
  }
  const explicit = flags.session === undefined ? null : sessionOf(flags, locale);
  if (sub === 'reel' && explicit === null) sessionOf(flags, locale); // says what --session needs
  const maxMs = sub === 'reel' ? parseMax(flags.max, locale) : REEL_MAX_MS;
  const segmentIds = sub === 'reel' ? parseSegments(flags.segments, locale) : undefined;
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    const { clips } = studio;
    const sessionId = explicit ?? lastShow(studio.live.store.sessions(true));
    if (sub === 'reel') {
      const request = {
        sessionId,
        segmentIds,
        maxMs,
        exact: flags.exact,
        vertical: flags.vertical,
        lowerThird: flags.lowerThird,
        locale,
        out: path.resolve(flags.out!.endsWith('.mp4') ? flags.out! : `${flags.out!}.mp4`),
      };
      const outcome = await withConsoleProgress(locale, (progress) => studio.reels.make(request, progress));
      for (const warning of outcome.warnings ?? []) console.error(formatIssue(warning, locale));
      console.error(outcome.reel.file);
      process.stdout.write(outcome.reel.description);
      return EXIT_OK;
    }
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

/** The show that went live last (list, cut and export without --session). */
function lastShow(sessions: ReadonlyArray<{ id: number; startedAt: number | null }>): number {
  const started = sessions
    .filter((s) => s.startedAt !== null)
    .sort((a, b) => b.startedAt! - a.startedAt! || b.id - a.id);
  if (!started[0]) throw new StudioError('not_found', 'no show has gone live yet');
  return started[0].id;
}
