/** The genogram's persons and lines, and what the room's screen shows, as signals. */
import { signal } from "@preact/signals";
import type { Person, Relation, Screen, ScreenView } from "../schema.gen";

export const persons = signal<ReadonlyMap<string, Person>>(new Map());
export const relations = signal<ReadonlyMap<string, Relation>>(new Map());
export const screenView = signal<ScreenView | null>(null);

/** Persons drawn in the genogram (not those only on the network map), in a stable order. */
export function genogramPersons(): Person[] {
  return [...persons.value.values()].filter((person) => person.in_genogram !== false);
}

/**
 * What the room's screen shows: the facilitator's last choice of board, genogram or network
 * map, unless a scaling question was put on the screen after that choice.
 */
export function screenShows(scale: { created_at: number } | undefined): Screen {
  const chosen = screenView.value;
  if (scale && (!chosen || (chosen.at ?? 0) < scale.created_at)) return "scale";
  return chosen?.shows ?? "board";
}

/** The child in focus: the centre of the network map. */
export function focusChild(): Person | undefined {
  return [...persons.value.values()].find((person) => person.focus);
}
