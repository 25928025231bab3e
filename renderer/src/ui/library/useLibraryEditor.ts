// Which item a library screen's editor is open on: none (closed), a new one, or a row's. The handlers keep their
// identity, so memoised rows do not render again for them.
import { useCallback, useState } from 'react';

/** `null`: closed; `item: null`: a new one. */
type EditorTarget<Item> = { item: Item | null } | null;

export function useLibraryEditor<Item>() {
  const [editing, setEditing] = useState<EditorTarget<Item>>(null);
  const openNew = useCallback(() => setEditing({ item: null }), []);
  const edit = useCallback((item: Item) => setEditing({ item }), []);
  const close = useCallback(() => setEditing(null), []);
  return { editing, openNew, edit, close };
}
