// One editor state machine for every entity the core versions (products, coupons): values, what the seller
// touched, issues, saving, and the conflict path. An update sends only the touched fields with the version
// they were based on; when someone else saved first the core answers `conflict` and the seller chooses: take
// the latest, or keep their edits on top of it. Each editor brings its form's rules, its store, calls and words.
import { useState } from 'react';
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { isCallError } from '../../api/index.ts';
import { useT, type MessageKey, type Translator } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useCall } from '../useCall.ts';
import type { FormRules } from './form-rules.ts';

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

/** The screen's `call` (ui/useCall.ts): a refusal comes back to the form instead of a notice. */
type Call = ReturnType<typeof useCall>['call'];

export interface VersionedFormTexts {
  reapplied: MessageKey;
  fixFields: MessageKey;
  nothingChanged: MessageKey;
}

export interface VersionedFormSpec<
  Entity extends Versioned,
  Values,
  Field extends keyof Values,
  Input extends object,
  Issues extends Partial<Record<Field, unknown>>,
> {
  rules: FormRules<Entity, Values, Field, Input, Issues>;
  /** The newest version the window knows of (a hook on the entity's store), so a save elsewhere shows early. */
  useLatest(id: number | undefined): Entity | undefined;
  /** Puts a saved or conflicting version into the entity's store. */
  apply(entity: Entity): void;
  /** Each answers undefined when the core refused; the form has shown why. */
  create(call: Call, input: Input): Promise<Entity | undefined>;
  update(call: Call, base: Entity, patch: Partial<Input>): Promise<Entity | undefined>;
  texts: VersionedFormTexts;
  /** The notice after a save (`created`: it was a new one). */
  saved(t: Translator['t'], saved: Entity, created: boolean): string;
}

export function useVersionedForm<
  Entity extends Versioned,
  Values,
  Field extends keyof Values,
  Input extends object,
  Issues extends Partial<Record<Field, unknown>>,
>(spec: VersionedFormSpec<Entity, Values, Field, Input, Issues>, initial: Entity | null, onDone: () => void) {
  const tr = useT();
  const { rules } = spec;
  const [base, setBase] = useState<Entity | null>(initial);
  const [values, setValues] = useState<Values>(() => (initial ? rules.formFrom(initial) : rules.emptyForm()));
  const [dirty, setDirty] = useState<ReadonlySet<Field>>(new Set());
  const [issues, setIssues] = useState<Issues>({} as Issues);
  const [formError, setFormError] = useState<FormError | null>(null);
  const [conflict, setConflict] = useState<Entity | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** The core's refusal: someone saved first, or where the form is wrong (by field, the rest above the form). */
  function refused(message: string, error: unknown): void {
    if (isCallError(error, 'conflict') && error.current) {
      const current = error.current as Entity;
      setConflict(current);
      spec.apply(current);
    } else if (isCallError(error) && error.issues.length > 0) {
      const mapped = rules.issuesByField(error.issues);
      setIssues(mapped.fields);
      setFormError({ text: message, issues: mapped.other });
    } else {
      setFormError({ text: message, issues: [] });
    }
  }
  const { call, busy: saving } = useCall({ onError: refused });

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
    setValues(rules.formFrom(next));
    setDirty(new Set());
    setIssues({} as Issues);
    setFormError(null);
    setConflict(null);
    setNotice(null);
  }

  function keepMine(next: Entity): void {
    setValues(rules.rebase(values, dirty, next));
    setBase(next);
    setConflict(null);
    setFormError(null);
    setNotice(tr.t(spec.texts.reapplied));
  }

  async function save(): Promise<void> {
    if (saving) return;
    const parsed = rules.parseForm(values);
    // Checked on `input`: TypeScript narrows a property path but not a union whose tag is generic.
    if (parsed.input === null) {
      setIssues(parsed.issues!);
      setFormError({ text: tr.t(spec.texts.fixFields), issues: [] });
      return;
    }
    setFormError(null);
    setNotice(null);
    let saved: Entity | undefined;
    if (!base) {
      saved = await spec.create(call, parsed.input);
    } else {
      const patch = rules.patchFrom(parsed.input, values, base);
      if (Object.keys(patch).length === 0) {
        notify('info', tr.t(spec.texts.nothingChanged));
        onDone();
        return;
      }
      saved = await spec.update(call, base, patch);
    }
    if (!saved) return;
    notify('success', spec.saved(tr.t, saved, !base));
    spec.apply(saved);
    onDone();
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
