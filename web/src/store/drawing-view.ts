/** View state of the genogram and network map: which drawing is open, who is chosen, and the
 * forms' drafts (kept here so a re-render, a tab switch or a refusal never loses them). */
import { signal } from "@preact/signals";
import type { Kinship, Person, RelationKind, Sex } from "../schema.gen";

/** The facilitator's person form, as typed: years stay text until sent ("19" is not a year). */
export interface PersonFormDraft {
  name: string;
  sex: Sex;
  born: string;
  deceased: boolean;
  died: string;
  focus: boolean;
  household: string;
  note: string;
  in_genogram: boolean;
  can_help: string;
}

export const EMPTY_PERSON: PersonFormDraft = {
  name: "",
  sex: "unknown",
  born: "",
  deceased: false,
  died: "",
  focus: false,
  household: "",
  note: "",
  in_genogram: true,
  can_help: "",
};

export function personFormOf(person: Person): PersonFormDraft {
  return {
    name: person.name,
    sex: person.sex ?? "unknown",
    born: person.born != null ? String(person.born) : "",
    deceased: person.deceased ?? false,
    died: person.died != null ? String(person.died) : "",
    focus: person.focus ?? false,
    household: person.household ?? "",
    note: person.note ?? "",
    in_genogram: person.in_genogram !== false,
    can_help: person.can_help ?? "",
  };
}

/** A year as typed, or null when it is not four digits. */
export function yearOf(text: string): number | null {
  return /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : null;
}

export const drawingTab = signal<"genogram" | "network">("genogram");
/** The person chosen in the facilitator's drawing. */
export const selectedPerson = signal<string | null>(null);
export const personDraft = signal<PersonFormDraft>(EMPTY_PERSON);
/** The person the form edits (null: it adds a new one). */
export const editingPerson = signal<string | null>(null);
export const relationDraft = signal<{ a: string; kind: RelationKind; b: string }>({
  a: "",
  kind: "married",
  b: "",
});

/** The phone's "Jeg er barnets …": no kinship is chosen until the person chooses one. */
export const kinship = signal<Kinship | "">("");
export const kinBorn = signal("");
export const kinHelp = signal("");
export const kinSex = signal<Sex>("unknown");
/** The phone's "Kan hjælpe med" being edited (null: not touched). */
export const myHelp = signal<string | null>(null);
