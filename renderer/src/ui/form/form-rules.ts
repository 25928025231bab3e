// A versioned form's own rules: its values as the seller types them, read from an entity and checked into the
// protocol's input. Each editor's form.ts writes them without React or the window, so their tests run in Node.
import type { Issue } from '../../../../electron/core/protocol/errors.ts';

export type Parsed<Input, Issues> = { input: Input; issues: null } | { input: null; issues: Issues };

export interface FormRules<Entity, Values, Field extends keyof Values, Input extends object, Issues> {
  emptyForm(): Values;
  formFrom(entity: Entity): Values;
  parseForm(values: Values): Parsed<Input, Issues>;
  /** Only what changed against `base`; an empty patch means there is nothing to save. */
  patchFrom(input: Input, values: Values, base: Entity): Partial<Input>;
  /** The latest version with the seller's touched fields laid on top ("keep my changes"). */
  rebase(values: Values, dirty: ReadonlySet<Field>, latest: Entity): Values;
  /** The core's issues onto fields; the rest go to the form error. */
  issuesByField(issues: readonly Issue[]): { fields: Issues; other: Issue[] };
}
