/** Genogram and network-map actions, as intents through the outbox. */
import type { Kinship, RelationKind, Screen, Sector, Sex } from "../schema.gen";
import type { FormName } from "../store/forms";
import { newId } from "./ids";
import { submit } from "./live";

/** A person's details as the facilitator writes them; the server cleans and checks them. */
export interface PersonDraft {
  name: string;
  sex: Sex;
  born: number | null;
  deceased: boolean;
  died: number | null;
  focus: boolean;
  household: string;
  note: string;
  in_genogram: boolean;
  can_help: string;
}

/** `from`: the form it is written in, which keeps its fields until the server has the person. */
export function addPerson(draft: PersonDraft, from?: FormName): string | null {
  if (!draft.name.trim()) return null;
  const personId = newId();
  return submit({ type: "person.add", id: newId(), person_id: personId, ...draft }, from)
    ? personId
    : null;
}

export function editPerson(personId: string, draft: PersonDraft, from?: FormName): boolean {
  if (!draft.name.trim()) return false;
  return submit({ type: "person.edit", id: newId(), person_id: personId, ...draft }, from);
}

export function deletePerson(personId: string): boolean {
  return submit({ type: "person.delete", id: newId(), person_id: personId });
}

/** Keep the person `dx`, `dy` away from where the automatic layout puts them. */
export function nudgePerson(personId: string, dx: number, dy: number): boolean {
  const bound = (value: number): number => Math.max(-2000, Math.min(2000, Math.round(value)));
  return submit({
    type: "person.nudge",
    id: newId(),
    person_id: personId,
    dx: bound(dx),
    dy: bound(dy),
  });
}

/** On the network map at a ring and a sector, or off it (ring null). */
export function placePerson(
  personId: string,
  place: { ring: number; sector: Sector; angle: number } | null,
): boolean {
  return submit({
    type: "person.place",
    id: newId(),
    person_id: personId,
    ring: place?.ring ?? null,
    sector: place?.sector ?? null,
    angle: place?.angle ?? 0.5,
  });
}

/** "Jeg er barnets …" from the phone. */
export function joinGenogram(
  kinship: Kinship,
  born: number | null,
  canHelp: string,
  sex: Sex | null,
): boolean {
  return submit({
    type: "genogram.join",
    id: newId(),
    person_id: newId(),
    kinship,
    born,
    can_help: canHelp.trim(),
    sex,
  });
}

export function addRelation(kind: RelationKind, a: string, b: string): boolean {
  if (!a || !b) return false;
  return submit({
    type: "relation.add",
    id: newId(),
    relation_id: newId(),
    relation_kind: kind,
    a,
    b,
  });
}

export function editRelation(relationId: string, kind: RelationKind): boolean {
  return submit({
    type: "relation.edit",
    id: newId(),
    relation_id: relationId,
    relation_kind: kind,
  });
}

export function deleteRelation(relationId: string): boolean {
  return submit({ type: "relation.delete", id: newId(), relation_id: relationId });
}

export function showOnScreen(shows: Screen): boolean {
  return submit({ type: "screen.show", id: newId(), shows });
}
