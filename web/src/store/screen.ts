/** What the room's screen shows in its middle: it follows the meeting. The phase's own view is
 * the default; the facilitator's choice of a drawing or a scale goes in front of it. */
import { signal } from "@preact/signals";
import type { MeetingStatus, Phase } from "../schema.gen";

export type ScreenMain =
  | "closing"
  | "readback"
  | "drawing"
  | "scale"
  | "concern"
  | "review"
  | "agreements"
  | "board";

export interface ScreenFacts {
  status: MeetingStatus | undefined;
  /** The facilitator's choice (screenShows): board, genogram, network, or a scale put on. */
  shows: "board" | "genogram" | "network" | "scale";
  /** A scale is on the screen and still belongs to the phase (see scaleStillShown). */
  scaleShown: boolean;
  phase: Phase["kind"] | undefined;
}

export function screenMain(facts: ScreenFacts): ScreenMain {
  if (facts.status === "closed") return "closing";
  if (facts.status === "readback") return "readback";
  if (facts.shows === "genogram" || facts.shows === "network") return "drawing";
  if (facts.shows === "scale" && facts.scaleShown) return "scale";
  if (facts.phase === "concern") return "concern";
  if (facts.phase === "review") return "review";
  if (facts.phase === "agreements") return "agreements";
  return "board";
}

/** The phase each scale was first seen on the screen in: a revealed scale steps back when the
 * meeting moves on to another phase (the scaling phase itself keeps it). */
export const scaleSeenIn = signal<ReadonlyMap<string, string | null>>(new Map());

export function noteScaleSeen(scaleId: string, phaseId: string | null): void {
  if (scaleSeenIn.peek().has(scaleId)) return;
  scaleSeenIn.value = new Map(scaleSeenIn.peek()).set(scaleId, phaseId);
}

export function scaleStillShown(
  scaleId: string,
  phaseId: string | null,
  kind: Phase["kind"] | undefined,
  seen: ReadonlyMap<string, string | null> = scaleSeenIn.value,
): boolean {
  if (kind === "scaling") return true;
  return !seen.has(scaleId) || seen.get(scaleId) === phaseId;
}
