// How CLI commands show a job's progress, and its problems, in the terminal.
import type { Progress } from '../jobs/job-runner.ts';
import type { Issue } from '../protocol/errors.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';

/** Runs a job with its progress on one self-overwriting stderr line (a terminal only), cleared when it ends either way. */
export async function withConsoleProgress<T>(locale: Locale, work: (progress: Progress) => Promise<T>): Promise<T> {
  const tty = process.stderr.isTTY;
  let last = '';
  const progress = ((phase: string, done: number, total: number) => {
    const line = `${messageFor(phase, locale)} ${total ? `${done}/${total}` : ''}`;
    if (tty && line !== last) process.stderr.write(`\r\x1b[K${line}`);
    last = line;
  }) as Progress;
  progress.yield = () => Promise.resolve(); // nothing else to serve in a CLI run
  try {
    return await work(progress);
  } finally {
    if (tty && last) process.stderr.write('\r\x1b[K');
  }
}

/** `第 3 行 · 价格 · …`: the number is the row a spreadsheet shows. */
export function formatIssue(issue: Issue, locale: Locale): string {
  const where = issue.line !== undefined ? (locale === 'zh-CN' ? `第 ${issue.line} 行` : `row ${issue.line}`) : '';
  return [where, issue.path, messageFor(issue.code, locale, issue.params)].filter(Boolean).join(' · ');
}
