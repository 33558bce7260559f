/** View state that outlives a render: drafts, which note is being edited, the phone's column. */
import { effect, signal } from "@preact/signals";
import type { ColumnKey, Intent } from "../schema.gen";
import { leading } from "./role";

/** The phone's unsent note. Incoming changes never touch it. */
export const draft = signal("");
export const phoneColumn = signal<ColumnKey | null>(null);
export const editing = signal<{ cardId: string; text: string } | null>(null);
/** After a keyboard move, the card (and button) to give focus back to once it re-renders. */
export const refocus = signal<{ cardId: string; control: string } | null>(null);
/** Per-column drafts in the facilitator's board. */
export const columnDrafts = signal<Partial<Record<ColumnKey, string>>>({});

const DRAFT_PREFIX = "kreds.draft.";

/** Keep the phone's draft in localStorage under `key` so a reload does not lose it. */
export function persistDraft(key: string): () => void {
  try {
    draft.value = localStorage.getItem(DRAFT_PREFIX + key) ?? "";
  } catch {
    // storage blocked: the draft lives for this page only
  }
  return effect(() => {
    const text = draft.value;
    try {
      if (text) localStorage.setItem(DRAFT_PREFIX + key, text);
      else localStorage.removeItem(DRAFT_PREFIX + key);
    } catch {
      // as above
    }
  });
}

/** A note the server refused (e.g. it looked like a CPR number) goes back where it was written. */
export function giveBackText(intent: Intent): void {
  if (intent.type !== "card.add") return;
  const join = (mine: string): string => (mine.trim() ? `${intent.text}\n${mine}` : intent.text);
  // The board this device shows: the facilitator's keeps a draft per column, a phone's one draft.
  if (leading.peek()) {
    const drafts = columnDrafts.peek();
    columnDrafts.value = { ...drafts, [intent.column]: join(drafts[intent.column] ?? "") };
  } else {
    draft.value = join(draft.peek());
    phoneColumn.value = intent.column;
  }
}
