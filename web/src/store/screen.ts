/** What the room's screen shows in its middle: it follows the meeting. The phase's own view is
 * the default; the facilitator's choice of a drawing or a scale goes in front of it. */
import { signal } from "@preact/signals";
import type { MeetingStatus, Phase, Screen } from "../schema.gen";

export type ScreenMain =
  | "closing"
  | "readback"
  | "drawing"
  | "scale"
  | "concern"
  | "review"
  | "agreements"
  | "safety"
  | "board";

export interface ScreenFacts {
  status: MeetingStatus | undefined;
  /** The facilitator's choice (screenShows): board, genogram, network, agreements, the safety plan, or a
   * scale chosen or put on. */
  shows: Screen;
  /** A scale is on the screen: chosen, or put on and still belonging to the phase (see
   * scaleStillShown). */
  scaleShown: boolean;
  phase: Phase["kind"] | undefined;
}

export function screenMain(facts: ScreenFacts): ScreenMain {
  if (facts.status === "closed") return "closing";
  if (facts.status === "readback") return "readback";
  if (facts.shows === "genogram" || facts.shows === "network") return "drawing";
  if (facts.shows === "scale" && facts.scaleShown) return "scale";
  if (facts.shows === "agreements") return "agreements";
  if (facts.shows === "safety") return "safety";
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

/** Whether a scale is on the screen: the facilitator chose it, or asking put it there and it
 * still belongs to the phase. */
export function scaleOnScreen(
  scaleId: string,
  chosen: Screen | undefined,
  phaseId: string | null,
  kind: Phase["kind"] | undefined,
  seen: ReadonlyMap<string, string | null> = scaleSeenIn.value,
): boolean {
  return chosen === "scale" || scaleStillShown(scaleId, phaseId, kind, seen);
}

/** The choice the facilitator's control shows as pressed: what the screen shows. A scale that
 * stepped back leaves the meeting's own view, which is what the board button stands for. */
export function pressedChoice(shows: Screen, scaleShown: boolean): Screen {
  return shows === "scale" && !scaleShown ? "board" : shows;
}
