/** View state that outlives a render: drafts, which note is being edited, the phone's column. */
import { effect, signal } from "@preact/signals";
import type { ColumnKey, Intent } from "../schema.gen";
import { leading } from "./role";

/** The phone's unsent note. Incoming changes never touch it. */
export const draft = signal("");
/** The column the phone shows: the one its draft is written in and sent to. Only the person
 * (a tab) or an empty draft following the phase changes it. */
export const phoneColumn = signal<ColumnKey | null>(null);
export const editing = signal<{ cardId: string; text: string } | null>(null);
/** After a keyboard move, the card (and button) to give focus back to once it re-renders. */
export const refocus = signal<{ cardId: string; control: string } | null>(null);
/** Per-column drafts in the facilitator's board. */
export const columnDrafts = signal<Partial<Record<ColumnKey, string>>>({});

const DRAFT_PREFIX = "kreds.draft.";

/** The phone types into `column`: the draft and the column it is written in go together. */
export function writeDraft(text: string, column: ColumnKey): void {
  draft.value = text;
  phoneColumn.value = column;
}

/** The meeting moved to a phase about `column`. A phone follows it only while it has nothing
 * typed: a half-written note stays in the column it was written for. */
export function followPhase(column: ColumnKey): void {
  if (!draft.peek().trim()) phoneColumn.value = column;
}

/** What is kept of a draft: its text and the column it was written in. */
export function readStoredDraft(raw: string | null): { text: string; column: ColumnKey | null } {
  if (!raw) return { text: "", column: null };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "text" in parsed &&
      typeof parsed.text === "string"
    ) {
      const column = "column" in parsed && typeof parsed.column === "string" ? parsed.column : null;
      return { text: parsed.text, column: column as ColumnKey | null };
    }
  } catch {
    // an older plain-text draft: keep its words
  }
  return { text: raw, column: null };
}

/** Keep the phone's draft and its column in localStorage under `key`, so a reload or a
 * reconnect finds both where they were. */
export function persistDraft(key: string): () => void {
  try {
    const stored = readStoredDraft(localStorage.getItem(DRAFT_PREFIX + key));
    draft.value = stored.text;
    if (stored.text && stored.column) phoneColumn.value = stored.column;
  } catch {
    // storage blocked: the draft lives for this page only
  }
  return effect(() => {
    const text = draft.value;
    const column = phoneColumn.value;
    try {
      if (text) localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify({ text, column }));
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
    writeDraft(join(draft.peek()), intent.column);
  }
}
