/** The genogram's persons and lines, and what the room's screen shows, as signals. */
import { signal } from "@preact/signals";
import type { Person, Relation, ScreenView } from "../schema.gen";

export const persons = signal<ReadonlyMap<string, Person>>(new Map());
export const relations = signal<ReadonlyMap<string, Relation>>(new Map());
export const screenView = signal<ScreenView | null>(null);

/** Persons drawn in the genogram (not those only on the network map), in a stable order. */
export function genogramPersons(): Person[] {
  return [...persons.value.values()].filter((person) => person.in_genogram !== false);
}

/** The child in focus: the centre of the network map. */
export function focusChild(): Person | undefined {
  return [...persons.value.values()].find((person) => person.focus);
}
