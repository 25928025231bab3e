// A product's 规格 in the editor: a row per specification (name, price, crossed-out price, stock, code), added and
// removed in place. Each cell is a labelled input ("规格 2 价格") with its problem under it, so the table reads
// the same with a screen reader and is walked with Tab like the rest of the form.
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { EMPTY_SPEC, SPEC_FIELDS, specIssueKey, type FieldIssues, type SpecField, type SpecRow } from './form.ts';

const HEADER: Record<SpecField, MessageKey> = {
  spec: 'specs.name',
  price: 'field.price',
  originalPrice: 'field.original',
  stock: 'field.stock',
  code: 'specs.code',
};

const INPUT_MODE: Partial<Record<SpecField, 'decimal' | 'numeric'>> = {
  price: 'decimal',
  originalPrice: 'decimal',
  stock: 'numeric',
};

interface SpecTableProps {
  rows: SpecRow[];
  issues: FieldIssues;
  onChange(rows: SpecRow[]): void;
}

export function SpecTable({ rows, issues, onChange }: SpecTableProps) {
  const tr = useT();
  const { t } = tr;
  const set = (i: number, field: SpecField, value: string) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  const problem = (issue: Issue | undefined) => (issue ? describeIssue(tr, issue) : undefined);
  const general = problem(issues.specs);
  return (
    <fieldset className="spec-table">
      <legend className="field__label">{t('field.specs')}</legend>
      <p className="field__hint">{t('specs.hint')}</p>
      {general ? <p className="field__error">{general}</p> : null}
      <table>
        <thead>
          <tr>
            {SPEC_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(HEADER[field])}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('specs.removeColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id ?? `new-${i}`}>
              {SPEC_FIELDS.map((field) => {
                const error = problem(issues[specIssueKey(i, field)]);
                const errorId = `spec-${i}-${field}-error`;
                return (
                  <td key={field} className={error ? 'field--invalid' : undefined}>
                    <input
                      className="field__input"
                      name={`spec-${i}-${field}`}
                      aria-label={`${t('specs.row', { n: i + 1 })} ${t(HEADER[field])}`}
                      value={row[field]}
                      placeholder={t(HEADER[field])}
                      inputMode={INPUT_MODE[field]}
                      maxLength={field === 'spec' ? 100 : field === 'code' ? 64 : 20}
                      autoComplete="off"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(e) => set(i, field, e.currentTarget.value)}
                    />
                    {error ? (
                      <p id={errorId} className="field__error">
                        {error}
                      </p>
                    ) : null}
                  </td>
                );
              })}
              <td>
                <Button
                  variant="ghost"
                  size="small"
                  disabled={rows.length === 1}
                  aria-label={t('specs.remove', { n: i + 1 })}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  ×
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button variant="secondary" onClick={() => onChange([...rows, { ...EMPTY_SPEC }])}>
        {t('specs.add')}
      </Button>
    </fieldset>
  );
}
