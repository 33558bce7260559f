/** Scaling as intents (asking, voting, closing, revealing, notes) and the case's history. */
import type { FollowUp, ScalePreset } from "../schema.gen";
import { scaleHistory } from "../store/scaling";
import { getCaseScaling } from "./api";
import { newId } from "./ids";
import { submit } from "./live";

export function askScale(
  preset: ScalePreset,
  question: string,
  tiedTo: string,
  anonymous: boolean,
): boolean {
  if (preset === "custom" && !question.trim()) return false;
  return submit(
    {
      type: "scale.ask",
      id: newId(),
      scale_id: newId(),
      preset,
      question: question.trim(),
      tied_to: tiedTo.trim(),
      anonymous,
    },
    "scale",
  );
}

/** Vote (or skip, with null). The vote id is fresh each time; the server keeps the first. */
export function castVote(scaleId: string, value: number | null): boolean {
  return submit({ type: "scale.vote", id: newId(), scale_id: scaleId, vote_id: newId(), value });
}

export function closeScale(scaleId: string): boolean {
  return submit({ type: "scale.close", id: newId(), scale_id: scaleId });
}

export function revealScale(scaleId: string): boolean {
  return submit({ type: "scale.reveal", id: newId(), scale_id: scaleId });
}

export function showScale(scaleId: string, on: boolean): boolean {
  return submit({ type: "scale.show", id: newId(), scale_id: scaleId, on });
}

export function deleteScale(scaleId: string): boolean {
  return submit({ type: "scale.delete", id: newId(), scale_id: scaleId });
}

export function addScaleNote(scaleId: string, followUp: FollowUp, text: string): boolean {
  const clean = text.trim();
  if (!clean) return false;
  return submit({
    type: "scale.note",
    id: newId(),
    note_id: newId(),
    scale_id: scaleId,
    follow_up: followUp,
    text: clean,
  });
}

/** The case's scaling history, for the chart; left as it was when it cannot be fetched. */
export async function loadScaleHistory(caseId: string): Promise<void> {
  try {
    scaleHistory.value = (await getCaseScaling(caseId)).questions;
  } catch {
    // the chart is a view of the record; the meeting goes on without it
  }
}
