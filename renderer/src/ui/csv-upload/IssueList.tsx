// Every problem in an imported file, one per line: "第 12 行 · 价格 · “abc”不是有效金额…".
// The list scrolls on its own and is focusable, so a keyboard user can read a long one.
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { describeIssue } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';

/** `total` counts every problem when `issues` holds only the first of them (the studio sends at most a hundred). */
export function IssueList({ issues, total = issues.length }: { issues: readonly Issue[]; total?: number }) {
  const tr = useT();
  const { t } = tr;
  return (
    <>
      <ol className="issue-list" tabIndex={0} aria-label={t('import.issues')}>
        {issues.map((issue, i) => (
          <li key={i} className="issue-list__item">
            <span className="issue-list__where">
              {issue.line ? t('import.line', { line: issue.line }) : t('import.wholeFile')}
            </span>
            {issue.path && issue.path !== '(root)' ? (
              <>
                <span aria-hidden="true"> · </span>
                <span className="issue-list__column">{issue.path}</span>
              </>
            ) : null}
            <span aria-hidden="true"> · </span>
            <span className="issue-list__message">{describeIssue(tr, issue)}</span>
          </li>
        ))}
      </ol>
      {total > issues.length ? (
        <p className="muted">{tr.msg('issues_truncated', { more: total - issues.length })}</p>
      ) : null}
    </>
  );
}
