/** The meeting as this client last heard it: entity maps by id, and the seq they are at. */
import { batch, signal, type Signal } from "@preact/signals";
import type {
  Agreement,
  Card,
  Change,
  Confirmation,
  Entity,
  Meeting,
  Participant,
} from "../schema.gen";
import { agenda, concern, timer, turns, writing } from "./facilitation";
import { carriedDrawing } from "./followup";
import { persons, relations, screenView } from "./genogram";
import { safetyContacts, safetyRules, safetySigns } from "./safety";
import { scaleNotes, scales, votes } from "./scaling";

export const meeting = signal<Meeting | null>(null);
export const participants = signal<ReadonlyMap<string, Participant>>(new Map());
export const cards = signal<ReadonlyMap<string, Card>>(new Map());
export const agreements = signal<ReadonlyMap<string, Agreement>>(new Map());
/** Answers to the read-back, by participant id. */
export const confirmations = signal<ReadonlyMap<string, Confirmation>>(new Map());
export const lastSeq = signal(0);

type Kind = Entity["type"];
type Of<K extends Kind> = Extract<Entity, { type: K }>;
type ManyKind =
  | "participant"
  | "card"
  | "agreement"
  | "confirmation"
  | "person"
  | "relation"
  | "scale"
  | "vote"
  | "scale_note"
  | "safety_rule"
  | "safety_sign"
  | "safety_contact";
type OneKind = Exclude<Kind, ManyKind>;

interface Tables {
  /** Entities a meeting has many of: their type (the kind in a Remove) -> the signal that holds
   * them by id, as the server's HELD_BY_ID (server/domain/state.py). */
  readonly many: { readonly [K in ManyKind]: Signal<ReadonlyMap<string, Of<K>>> };
  /** Entities a meeting has one of: their type -> the signal that holds it. */
  readonly one: { readonly [K in OneKind]: Signal<Of<K> | null> };
}
/** A new entity type in the schema does not compile until it is in one of the two tables. */
let tables: Tables | null = null;

/** Built on first use, not at import: the feature stores import this module back. */
function held(): Tables {
  return (tables ??= {
    many: {
      participant: participants,
      card: cards,
      agreement: agreements,
      confirmation: confirmations,
      person: persons,
      relation: relations,
      scale: scales,
      vote: votes,
      scale_note: scaleNotes,
      safety_rule: safetyRules,
      safety_sign: safetySigns,
      safety_contact: safetyContacts,
    },
    one: {
      meeting,
      screen_view: screenView,
      carried_drawing: carriedDrawing,
      agenda,
      concern,
      turns,
      timer,
      writing,
    },
  });
}

function isMany(kind: Kind): kind is ManyKind {
  return kind in held().many;
}

// The tables pair each type with its own signal; read through them, any entity fits.
function many(kind: ManyKind): Signal<ReadonlyMap<string, Entity>> {
  return held().many[kind] as unknown as Signal<ReadonlyMap<string, Entity>>;
}

function one(kind: OneKind): Signal<Entity | null> {
  return held().one[kind] as unknown as Signal<Entity | null>;
}

/** Apply the changes of one op: an upsert replaces the entity with that id, a remove deletes it.
 * Each map that changes is copied once and set with the others at the end, so views re-render
 * once and the old maps stay intact. */
export function apply(changes: readonly Change[]): void {
  const maps = new Map<ManyKind, Map<string, Entity>>();
  const singles = new Map<OneKind, Entity | null>();
  const mapOf = (kind: ManyKind): Map<string, Entity> => {
    let next = maps.get(kind);
    if (!next) maps.set(kind, (next = new Map(many(kind).peek())));
    return next;
  };
  for (const change of changes) {
    if (change.type === "upsert") {
      const entity = change.entity;
      if (isMany(entity.type)) mapOf(entity.type).set(entity.id, entity);
      else singles.set(entity.type, entity);
    } else if (isMany(change.kind)) {
      if (maps.has(change.kind) || many(change.kind).peek().has(change.id)) {
        mapOf(change.kind).delete(change.id);
      }
    } else {
      const current = singles.has(change.kind) ? singles.get(change.kind) : one(change.kind).peek();
      if (current?.id === change.id) singles.set(change.kind, null);
    }
  }
  batch(() => {
    for (const [kind, next] of maps) many(kind).value = next;
    for (const [kind, next] of singles) one(kind).value = next;
  });
}

/** Replace everything with a snapshot: what is not in it no longer exists. */
export function replaceAll(entities: readonly Entity[]): void {
  const kinds = held();
  const maps = new Map(
    (Object.keys(kinds.many) as ManyKind[]).map((kind) => [kind, new Map<string, Entity>()]),
  );
  const singles = new Map(
    (Object.keys(kinds.one) as OneKind[]).map((kind) => [kind, null as Entity | null]),
  );
  for (const entity of entities) {
    if (isMany(entity.type)) maps.get(entity.type)?.set(entity.id, entity);
    else singles.set(entity.type, entity);
  }
  batch(() => {
    for (const [kind, next] of maps) many(kind).value = next;
    for (const [kind, next] of singles) one(kind).value = next;
  });
}

/** Forget the meeting (leaving it, or before opening another). */
export function clearEntities(): void {
  batch(() => {
    replaceAll([]);
    lastSeq.value = 0;
  });
}
