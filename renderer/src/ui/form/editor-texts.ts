// The words of a versioned editor, its dialog's and its form's, are one family of messages under the editor's
// prefix (`editor.save`, `couponEditor.save`, …): naming the prefix names them all, and the compiler checks that
// the whole family is in the dictionaries.
import type { MessageKey } from '../../i18n/index.ts';
import type { EditorDialogTexts } from './EditorDialog.tsx';
import type { VersionedFormTexts } from './useVersionedForm.ts';

export type EditorTexts = EditorDialogTexts & VersionedFormTexts;
type Word = keyof EditorTexts;

// A record, so that a word added to either frame cannot be left out here.
const WORDS: Record<Word, true> = {
  edit: true,
  new: true,
  saveHint: true,
  cancel: true,
  save: true,
  saving: true,
  dirtyClose: true,
  discard: true,
  keepEditing: true,
  reapplied: true,
  fixFields: true,
  nothingChanged: true,
};

export function editorTexts<Prefix extends string>(
  prefix: Prefix & (`${Prefix}.${Word}` extends MessageKey ? unknown : never),
): EditorTexts {
  const texts = {} as EditorTexts;
  for (const word of Object.keys(WORDS) as Word[]) texts[word] = `${prefix}.${word}` as MessageKey;
  return texts;
}
