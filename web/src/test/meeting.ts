/** A realistic network meeting to test against: Danish names, real-looking notes. */
import type { Card, ColumnKey, Meeting, Participant } from "../schema.gen";

export const MEETING: Meeting = {
  type: "meeting",
  id: "m7Qx2",
  title: "Netværksmøde om L.",
  template: "three_columns",
  columns: ["worries", "works", "next"],
  auto_admit: false,
  created_at: 1_763_800_000,
};

export function person(id: string, name: string, extra: Partial<Participant> = {}): Participant {
  return {
    type: "participant",
    id,
    name,
    role: "privat",
    relation: "",
    remote: false,
    admitted: true,
    joined_at: 1_763_800_100,
    ...extra,
  };
}

export const HANNE = person("pHanne", "Hanne", { role: "facilitator" });
export const ELSE = person("pElse", "Else", { relation: "mormor", remote: true });
export const JONAS = person("pJonas", "Jonas", { role: "fagperson", relation: "klasselærer" });

export function card(
  id: string,
  column: ColumnKey,
  text: string,
  order: string,
  author = ELSE.id,
): Card {
  return { type: "card", id, column, text, author, order, created_at: 1_763_800_200 };
}
