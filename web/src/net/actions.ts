/** What a person can do, as intents: each gets a fresh id and goes through the outbox. */
import type { ColumnKey, Review } from "../schema.gen";
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

/** Everyone waiting in the lobby is sent away at once (a flood of joins). */
export function rejectWaiting(): boolean {
  return submit({ type: "participant.reject_waiting", id: newId() });
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

// -- agreements, read-back and closing

/** What a person writes for an agreement; the server cleans and checks it. */
export interface AgreementDraft {
  what: string;
  who_participants: string[];
  who_names: string[];
  who_municipality: boolean;
  when_date: string | null;
  when_text: string;
  serves: string | null;
}

/** The facilitator writes an agreement (agreed at once); a phone proposes one. */
export function writeAgreement(draft: AgreementDraft, asProposal: boolean): boolean {
  if (!draft.what.trim()) return false;
  const fields = { id: newId(), agreement_id: newId(), ...draft };
  return asProposal
    ? submit({ type: "agreement.propose", ...fields }, "propose")
    : submit({ type: "agreement.add", ...fields }, "agreement");
}

export function acceptAgreement(agreementId: string): boolean {
  return submit({ type: "agreement.accept", id: newId(), agreement_id: agreementId });
}

export function deleteAgreement(agreementId: string): boolean {
  return submit({ type: "agreement.delete", id: newId(), agreement_id: agreementId });
}

export function reviewAgreement(agreementId: string, review: Review, comment: string): boolean {
  return submit({
    type: "agreement.review",
    id: newId(),
    agreement_id: agreementId,
    review,
    comment: comment.trim(),
  });
}

export function startReadback(): boolean {
  return submit({ type: "readback.start", id: newId() });
}

export function stopReadback(): boolean {
  return submit({ type: "readback.stop", id: newId() });
}

export function confirmAgreements(agrees: boolean, comment = ""): boolean {
  return submit({ type: "agreements.confirm", id: newId(), agrees, comment: comment.trim() });
}

/** `nextMeeting` is local time, YYYY-MM-DDTHH:MM (a datetime-local input's value). */
export function closeMeeting(nextMeeting: string | null): boolean {
  return submit({ type: "meeting.close", id: newId(), next_meeting: nextMeeting || null });
}
