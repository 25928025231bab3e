// A text field tied to one value of a form: its name, what it shows, the problem under it, and typing into it.
// A form spreads it into an `InputField` or `AreaField` and writes only what is the field's own: label, hint, limits.
import type { ChangeEvent } from 'react';

/** The values of a form that are free text (not one of a few words, a list or an id). */
export type TextField<Values> = {
  [K in keyof Values]-?: string extends Values[K] ? (Values[K] extends string ? K : never) : never;
}[keyof Values] &
  string;

export interface BoundText {
  name: string;
  value: string;
  error: string | undefined;
  onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void;
}

export function bindText<Values>(
  values: Values,
  problem: (field: TextField<Values>) => string | undefined,
  set: (field: TextField<Values>, value: string) => void,
): (field: TextField<Values>) => BoundText {
  return (field) => ({
    name: field,
    value: values[field] as string,
    error: problem(field),
    onChange: (event) => set(field, event.currentTarget.value),
  });
}
