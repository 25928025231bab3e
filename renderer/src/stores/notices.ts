// Short-lived notices ("已保存") and sticky errors, shown in one polite live region.
import { create } from 'zustand';

export type NoticeKind = 'success' | 'info' | 'error';
export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

interface NoticesState {
  notices: Notice[];
  push(kind: NoticeKind, text: string): number;
  dismiss(id: number): void;
}

let nextId = 1;
const AUTO_DISMISS_MS = 5000;

export const useNotices = create<NoticesState>((set, get) => ({
  notices: [],
  push(kind, text) {
    const id = nextId++;
    // Keep the stack short: a burst of events must not bury the screen.
    set({ notices: [...get().notices.slice(-3), { id, kind, text }] });
    // Errors stay until dismissed: the seller may be looking at the camera, not the screen.
    if (kind !== 'error') setTimeout(() => get().dismiss(id), AUTO_DISMISS_MS);
    return id;
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));

export const notify = (kind: NoticeKind, text: string): number => useNotices.getState().push(kind, text);
