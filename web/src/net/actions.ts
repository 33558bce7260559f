/** What a person can do, as intents: each gets a fresh id and goes through the outbox. */
import type { ColumnKey } from "../schema.gen";
import { columnCards, type BoardCard } from "../store/board";
import { newId } from "./ids";
import { submit } from "./live";

export function addCard(column: ColumnKey, text: string): boolean {
  const clean = text.trim();
  if (!clean) return false;
  return submit({ type: "card.add", id: newId(), card_id: newId(), column, text: clean });
}

export function editCard(cardId: string, text: string): boolean {
  const clean = text.trim();
  if (!clean) return false;
  return submit({ type: "card.edit", id: newId(), card_id: cardId, text: clean });
}

/** Put a card in `column` right after `after` (a card id), or first when null. */
export function moveCard(cardId: string, column: ColumnKey, after: string | null): boolean {
  return submit({ type: "card.move", id: newId(), card_id: cardId, column, after });
}

export function deleteCard(cardId: string): boolean {
  return submit({ type: "card.delete", id: newId(), card_id: cardId });
}

export function admit(participantId: string): boolean {
  return submit({ type: "participant.admit", id: newId(), participant_id: participantId });
}

export function reject(participantId: string): boolean {
  return submit({ type: "participant.reject", id: newId(), participant_id: participantId });
}

export function setAutoAdmit(on: boolean): boolean {
  return submit({ type: "meeting.auto_admit", id: newId(), on });
}

// -- moving by keyboard and buttons: the same `card.move`, with `after` worked out from the board

function movable(column: ColumnKey): BoardCard[] {
  // A note still on its way cannot be named as `after`: the server does not know it yet.
  return columnCards(column).filter((card) => card.pending !== "add");
}

export function moveUp(card: BoardCard): boolean {
  const list = movable(card.column);
  const index = list.findIndex((other) => other.id === card.id);
  if (index <= 0) return false;
  return moveCard(card.id, card.column, index >= 2 ? list[index - 2]!.id : null);
}

export function moveDown(card: BoardCard): boolean {
  const list = movable(card.column);
  const index = list.findIndex((other) => other.id === card.id);
  if (index < 0 || index >= list.length - 1) return false;
  return moveCard(card.id, card.column, list[index + 1]!.id);
}

/** To the end of another column. */
export function moveToColumn(card: BoardCard, column: ColumnKey): boolean {
  if (column === card.column) return false;
  const list = movable(column);
  return moveCard(card.id, column, list.length ? list[list.length - 1]!.id : null);
}
