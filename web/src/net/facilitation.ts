/** What running the meeting asks of the server, as intents through the outbox. */
import type { Agenda, ColumnKey, Phase } from "../schema.gen";
import { agenda } from "../store/facilitation";
import { newId } from "./ids";
import { submit } from "./live";

export type AgendaTemplate = Agenda["template"];
export type PhaseKind = Phase["kind"];

export function chooseAgenda(template: AgendaTemplate): boolean {
  return submit({ type: "agenda.use", id: newId(), template });
}

export function addPhase(title: string, after: string | null, kind: PhaseKind = "other"): boolean {
  const clean = title.trim();
  if (kind === "other" && !clean) return false;
  return submit({ type: "phase.add", id: newId(), phase_id: newId(), kind, title: clean, after });
}

export function renamePhase(phaseId: string, title: string): boolean {
  return submit({ type: "phase.rename", id: newId(), phase_id: phaseId, title: title.trim() });
}

export function movePhase(phaseId: string, after: string | null): boolean {
  return submit({ type: "phase.move", id: newId(), phase_id: phaseId, after });
}

export function skipPhase(phaseId: string, skipped: boolean): boolean {
  return submit({ type: "phase.skip", id: newId(), phase_id: phaseId, skipped });
}

export function goToPhase(phaseId: string): boolean {
  return submit({ type: "phase.go", id: newId(), phase_id: phaseId });
}

/** Next and back name the phase they start from, so a double tap moves the meeting once. */
export function nextPhase(): boolean {
  return submit({ type: "phase.next", id: newId(), from_phase: agenda.peek()?.current ?? null });
}

export function previousPhase(): boolean {
  const from = agenda.peek()?.current;
  if (!from) return false;
  return submit({ type: "phase.back", id: newId(), from_phase: from });
}

export interface ConcernDraft {
  who: string;
  what: string;
  impact: string;
  future: string;
  statement: string;
  goals: string;
}

export function editConcern(draft: ConcernDraft): boolean {
  return submit({ type: "concern.edit", id: newId(), ...draft }, "concern");
}

export function raiseHand(): boolean {
  return submit({ type: "hand.raise", id: newId() });
}

export function lowerHand(participantId: string | null = null): boolean {
  return submit({ type: "hand.lower", id: newId(), participant_id: participantId });
}

export function orderQueue(unspokenFirst: boolean): boolean {
  return submit({ type: "queue.order", id: newId(), unspoken_first: unspokenFirst });
}

export function giveWord(participantId: string): boolean {
  return submit({ type: "turn.give", id: newId(), participant_id: participantId });
}

export function nextTurn(): boolean {
  return submit({ type: "turn.next", id: newId() });
}

export function passTurn(): boolean {
  return submit({ type: "turn.pass", id: newId() });
}

export function stopTurns(): boolean {
  return submit({ type: "turn.stop", id: newId() });
}

export function setSeats(order: string[]): boolean {
  return submit({ type: "seats.set", id: newId(), order });
}

export function markAbsent(participantId: string, absent: boolean): boolean {
  return submit({ type: "participant.absent", id: newId(), participant_id: participantId, absent });
}

export function startRound(topic: string): boolean {
  return submit({ type: "round.start", id: newId(), topic: topic.trim() });
}

export function startTimer(seconds: number, label = ""): boolean {
  return submit({ type: "timer.start", id: newId(), seconds, label });
}

export function extendTimer(seconds = 60): boolean {
  return submit({ type: "timer.add", id: newId(), seconds });
}

export function pauseTimer(): boolean {
  return submit({ type: "timer.pause", id: newId() });
}

export function resumeTimer(): boolean {
  return submit({ type: "timer.resume", id: newId() });
}

export function stopTimer(): boolean {
  return submit({ type: "timer.stop", id: newId() });
}

export function startPrivateWriting(column: ColumnKey | null): boolean {
  return submit({ type: "writing.private", id: newId(), column });
}

export function revealNotes(): boolean {
  return submit({ type: "writing.reveal", id: newId() });
}

export function setAnonymous(on: boolean): boolean {
  return submit({ type: "writing.anonymous", id: newId(), on });
}

export function startFamilyTime(): boolean {
  return submit({ type: "family.start", id: newId() });
}

export function releaseFamilyPlan(): boolean {
  return submit({ type: "family.release", id: newId() });
}

export function handOver(participantId: string): boolean {
  return submit({ type: "facilitator.handoff", id: newId(), participant_id: participantId });
}
