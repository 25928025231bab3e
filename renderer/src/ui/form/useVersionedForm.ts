// One editor state machine for every entity the core versions (products, coupons): values, what the seller
// touched, issues, saving, and the conflict path. An update sends only the touched fields with the version
// they were based on; when someone else saved first the core answers `conflict` and the seller chooses: take
// the latest, or keep their edits on top of it. Each editor brings its own form translation and texts.
import { useState } from 'react';
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { isCallError } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT, type MessageKey, type Translator } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';

/** What the core versions: an update names the version it was based on, and is refused when that is not the latest. */
export interface Versioned {
  id: number;
  version: number;
}

/** The error shown above the form: a sentence, and the issues no field could take. */
export interface FormError {
  text: string;
  issues: Issue[];
}

type Parsed<Input, Issues> = { input: Input; issues: null } | { input: null; issues: Issues };

export interface VersionedFormSpec<
  Entity extends Versioned,
  Values,
  Field extends keyof Values,
  Input extends object,
  Issues extends Partial<Record<Field, unknown>>,
> {
  emptyForm(): Values;
  formFrom(entity: Entity): Values;
  parseForm(values: Values): Parsed<Input, Issues>;
  /** Only what changed against `base`; an empty patch means there is nothing to save. */
  patchFrom(input: Input, values: Values, base: Entity): Partial<Input>;
  /** The latest version with the seller's touched fields laid on top ("keep my changes"). */
  rebase(values: Values, dirty: ReadonlySet<Field>, latest: Entity): Values;
  /** The core's issues onto fields; the rest go to the form error. */
  issuesByField(issues: readonly Issue[]): { fields: Issues; other: Issue[] };
  /** The newest version the window knows of (a hook on the entity's store), so a save elsewhere shows early. */
  useLatest(id: number | undefined): Entity | undefined;
  /** Puts a saved or conflicting version into the entity's store. */
  apply(entity: Entity): void;
  create(input: Input): Promise<Entity>;
  update(base: Entity, patch: Partial<Input>): Promise<Entity>;
  texts: {
    reapplied: MessageKey;
    fixFields: MessageKey;
    nothingChanged: MessageKey;
    created(t: Translator['t'], saved: Entity): string;
    saved(t: Translator['t'], saved: Entity): string;
  };
}

export function useVersionedForm<
  Entity extends Versioned,
  Values,
  Field extends keyof Values,
  Input extends object,
  Issues extends Partial<Record<Field, unknown>>,
>(spec: VersionedFormSpec<Entity, Values, Field, Input, Issues>, initial: Entity | null, onDone: () => void) {
  const tr = useT();
  const [base, setBase] = useState<Entity | null>(initial);
  const [values, setValues] = useState<Values>(() => (initial ? spec.formFrom(initial) : spec.emptyForm()));
  const [dirty, setDirty] = useState<ReadonlySet<Field>>(new Set());
  const [issues, setIssues] = useState<Issues>({} as Issues);
  const [formError, setFormError] = useState<FormError | null>(null);
  const [conflict, setConflict] = useState<Entity | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // A save elsewhere reaches us as an event before we try to save: warn early, same choices as a conflict.
  const latest = spec.useLatest(base?.id);
  const stale = !saving && !conflict && base && latest && latest.version > base.version ? latest : null;

  function setField<F extends Field>(field: F, value: Values[F]): void {
    setValues((v) => ({ ...v, [field]: value }));
    setDirty((d) => new Set(d).add(field));
    // The field's own problem and those of its parts (`specs.2.price`): a changed table is checked again at save.
    setIssues((i) => {
      const next: Record<string, unknown> = { ...i, [field]: undefined };
      for (const key of Object.keys(next)) if (key.startsWith(`${String(field)}.`)) delete next[key];
      return next as Issues;
    });
    setFormError(null);
    setNotice(null);
  }

  function setFieldIssue<F extends Field>(field: F, issue: Issues[F]): void {
    setIssues((i) => ({ ...i, [field]: issue }));
  }

  function takeLatest(next: Entity): void {
    setBase(next);
    setValues(spec.formFrom(next));
    setDirty(new Set());
    setIssues({} as Issues);
    setFormError(null);
    setConflict(null);
    setNotice(null);
  }

  function keepMine(next: Entity): void {
    setValues(spec.rebase(values, dirty, next));
    setBase(next);
    setConflict(null);
    setFormError(null);
    setNotice(tr.t(spec.texts.reapplied));
  }

  async function save(): Promise<void> {
    if (saving) return;
    const parsed = spec.parseForm(values);
    // Checked on `input`: TypeScript narrows a property path but not a union whose tag is generic.
    if (parsed.input === null) {
      setIssues(parsed.issues!);
      setFormError({ text: tr.t(spec.texts.fixFields), issues: [] });
      return;
    }
    setSaving(true);
    setFormError(null);
    setNotice(null);
    try {
      let saved: Entity;
      if (!base) {
        saved = await spec.create(parsed.input);
        notify('success', spec.texts.created(tr.t, saved));
      } else {
        const patch = spec.patchFrom(parsed.input, values, base);
        if (Object.keys(patch).length === 0) {
          notify('info', tr.t(spec.texts.nothingChanged));
          onDone();
          return;
        }
        saved = await spec.update(base, patch);
        notify('success', spec.texts.saved(tr.t, saved));
      }
      spec.apply(saved);
      onDone();
    } catch (error) {
      if (isCallError(error, 'conflict') && error.current) {
        const current = error.current as Entity;
        setConflict(current);
        spec.apply(current);
      } else if (isCallError(error) && error.issues.length > 0) {
        const mapped = spec.issuesByField(error.issues);
        setIssues(mapped.fields);
        setFormError({ text: describeError(tr, error), issues: mapped.other });
      } else {
        setFormError({ text: describeError(tr, error), issues: [] });
      }
    } finally {
      setSaving(false);
    }
  }

  return {
    base,
    values,
    dirty,
    issues,
    formError,
    conflict,
    stale,
    saving,
    notice,
    setField,
    setFieldIssue,
    takeLatest,
    keepMine,
    save,
  };
}
