/** The board as people see it: the server's cards by column in key order, with pending intents laid over. */
import { computed } from "@preact/signals";
import type { Card, ColumnKey, Intent } from "../schema.gen";
import { me } from "./connection";
import { cards, meeting } from "./entities";
import { overlay } from "./pending";

export interface BoardCard {
  id: string;
  column: ColumnKey;
  text: string;
  author: string | null;
  /** "add": written here and not on the server yet; "change": edited or moved here, not confirmed. */
  pending: "add" | "change" | null;
  /** Written privately and not revealed yet: only its author has it. */
  hidden?: boolean;
  /** Written in family time and not shared by the family yet. */
  family?: boolean;
}

/** Fractional keys compare as plain code units (never localeCompare); equal keys by id. */
export function byOrder(
  a: { order: string; id: string },
  b: { order: string; id: string },
): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export type Columns = Map<ColumnKey, BoardCard[]>;

export function layout(
  all: Iterable<Card>,
  columns: readonly ColumnKey[],
  pending: readonly Intent[],
  author: string | null,
): Columns {
  const sorted = new Map<ColumnKey, Card[]>(columns.map((column) => [column, []]));
  for (const card of all) {
    let list = sorted.get(card.column);
    if (!list) sorted.set(card.column, (list = []));
    list.push(card);
  }
  const board: Columns = new Map();
  for (const [column, list] of sorted) {
    board.set(
      column,
      list.sort(byOrder).map((card) => ({
        id: card.id,
        column: card.column,
        text: card.text,
        author: card.author,
        pending: null,
        hidden: card.hidden ?? false,
        family: card.family ?? false,
      })),
    );
  }
  for (const intent of pending) overlayIntent(board, intent, author);
  return board;
}

function find(board: Columns, id: string): [BoardCard[], number] | null {
  for (const list of board.values()) {
    const index = list.findIndex((card) => card.id === id);
    if (index >= 0) return [list, index];
  }
  return null;
}

function overlayIntent(board: Columns, intent: Intent, author: string | null): void {
  switch (intent.type) {
    case "card.add": {
      if (find(board, intent.card_id)) return; // already arrived
      let list = board.get(intent.column);
      if (!list) board.set(intent.column, (list = []));
      list.push({
        id: intent.card_id,
        column: intent.column,
        text: intent.text,
        author,
        pending: "add",
      });
      return;
    }
    case "card.edit": {
      const found = find(board, intent.card_id);
      if (!found) return;
      const [list, index] = found;
      const card = list[index]!;
      list[index] = { ...card, text: intent.text, pending: card.pending ?? "change" };
      return;
    }
    case "card.delete": {
      const found = find(board, intent.card_id);
      if (found) found[0].splice(found[1], 1);
      return;
    }
    case "card.move": {
      const found = find(board, intent.card_id);
      if (!found) return;
      const [from, index] = found;
      const [card] = from.splice(index, 1);
      let to = board.get(intent.column);
      if (!to) board.set(intent.column, (to = []));
      const after = intent.after == null ? -1 : to.findIndex((other) => other.id === intent.after);
      const at = intent.after == null ? 0 : after >= 0 ? after + 1 : to.length;
      to.splice(at, 0, { ...card!, column: intent.column, pending: card!.pending ?? "change" });
      return;
    }
    default:
      return;
  }
}

export const board = computed(() =>
  layout(
    cards.value.values(),
    meeting.value?.columns ?? [],
    overlay.value,
    me.value?.participantId ?? null,
  ),
);

export function columnCards(column: ColumnKey): BoardCard[] {
  return board.value.get(column) ?? [];
}
