/** The genogram and network map as this device shows them: the server's persons with this
 * device's placements and nudges that wait for their ack laid over (the pending overlay). */
import { computed } from "@preact/signals";
import type { Intent, Person } from "../schema.gen";
import { persons } from "./genogram";
import { overlay, waitingEdit } from "./pending";

/** A person as shown: moved where this device has just put them, until the server answers. */
export function overlaid(person: Person, pending: readonly Intent[]): Person {
  const placed = waitingEdit("person.place", (i) => i.person_id === person.id, pending);
  const nudged = waitingEdit("person.nudge", (i) => i.person_id === person.id, pending);
  if (!placed && !nudged) return person;
  return {
    ...person,
    ...(placed ? { ring: placed.ring, sector: placed.sector, angle: placed.angle } : {}),
    ...(nudged ? { dx: nudged.dx, dy: nudged.dy } : {}),
  };
}

export const shownPersons = computed<ReadonlyMap<string, Person>>(() => {
  const pending = overlay.value;
  const shown = new Map<string, Person>();
  for (const [id, person] of persons.value) shown.set(id, overlaid(person, pending));
  return shown;
});

/** Persons drawn in the genogram (not those only on the network map), as shown. */
export function shownGenogramPersons(): Person[] {
  return [...shownPersons.value.values()].filter((person) => person.in_genogram !== false);
}

export function shownAllPersons(): Person[] {
  return [...shownPersons.value.values()];
}
