/** The facilitator's cockpit: which piece of work is in the middle, following the phase. */
import { signal } from "@preact/signals";
import type { Phase } from "../schema.gen";

type PhaseKind = Phase["kind"];

export type WorkView =
  | "invite"
  | "concern"
  | "board"
  | "scale"
  | "agreements"
  | "safety"
  | "drawings";

export const WORK_VIEWS: readonly WorkView[] = [
  "invite",
  "concern",
  "board",
  "scale",
  "agreements",
  "safety",
  "drawings",
];

/** The piece of work a phase is about: its own view is what the cockpit shows by default. */
export function viewForPhase(kind: PhaseKind | undefined): WorkView {
  switch (kind) {
    case "welcome":
      return "invite";
    case "concern":
    case "roles":
      return "concern";
    case "scaling":
      return "scale";
    case "review":
    case "agreements":
    case "closing":
      return "agreements";
    case "safety":
      return "safety";
    default:
      return "board";
  }
}

/** What the middle shows; null: the current phase's own view. */
export const chosenWork = signal<WorkView | null>(null);

/** The view the middle shows now. */
export function workView(kind: PhaseKind | undefined): WorkView {
  return chosenWork.value ?? viewForPhase(kind);
}

/** The phase moved on: the middle shows the new phase's own work again. */
export function followPhaseWork(): void {
  chosenWork.value = null;
}

/** The lobby's people the facilitator has been told of, so a new arrival is said once. */
export const heardWaiting = signal<ReadonlySet<string> | null>(null);

/** Those waiting now who were not waiting when last heard (none on the first look). */
export function newArrivals(
  before: ReadonlySet<string> | null,
  waiting: readonly string[],
): string[] {
  if (before === null) return [];
  return waiting.filter((id) => !before.has(id));
}
