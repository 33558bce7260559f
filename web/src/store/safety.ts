/** The sikkerhedsplan as this client knows it: rules, warning signs and whom to call, and what
 * the views need from them (in order, proposals apart, rules nobody keeps, rules I keep). */
import { signal, type Signal } from "@preact/signals";
import type { SafetyContact, SafetyRule, WarningSign } from "../schema.gen";
import { me } from "./connection";
import { persons } from "./genogram";

export const safetyRules = signal<ReadonlyMap<string, SafetyRule>>(new Map());
export const safetySigns = signal<ReadonlyMap<string, WarningSign>>(new Map());
export const safetyContacts = signal<ReadonlyMap<string, SafetyContact>>(
  new Map(),
);

type SafetyEntity = SafetyRule | WarningSign | SafetyContact;
type SafetyKind = SafetyEntity["type"];

function storeOf(kind: SafetyKind): Signal<ReadonlyMap<string, SafetyEntity>> {
  if (kind === "safety_rule")
    return safetyRules as Signal<ReadonlyMap<string, SafetyEntity>>;
  if (kind === "safety_sign")
    return safetySigns as Signal<ReadonlyMap<string, SafetyEntity>>;
  return safetyContacts as Signal<ReadonlyMap<string, SafetyEntity>>;
}

export function isSafety(entity: { type: string }): entity is SafetyEntity {
  return (
    entity.type === "safety_rule" ||
    entity.type === "safety_sign" ||
    entity.type === "safety_contact"
  );
}

export function putSafety(entity: SafetyEntity): void {
  const store = storeOf(entity.type);
  store.value = new Map(store.peek()).set(entity.id, entity);
}

export function dropSafety(kind: SafetyKind, id: string): void {
  const store = storeOf(kind);
  if (!store.peek().has(id)) return;
  const next = new Map(store.peek());
  next.delete(id);
  store.value = next;
}

export function clearSafety(): void {
  safetyRules.value = new Map();
  safetySigns.value = new Map();
  safetyContacts.value = new Map();
}

function ordered<T extends SafetyEntity>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** This meeting's agreed rules (those carried from the last meeting are listed apart). */
export function agreedRules(): SafetyRule[] {
  return ordered(safetyRules.value.values()).filter(
    (rule) => rule.status === "agreed" && !rule.carried_from,
  );
}

export function carriedRules(): SafetyRule[] {
  return ordered(safetyRules.value.values()).filter((rule) =>
    Boolean(rule.carried_from),
  );
}

export function agreedSigns(): WarningSign[] {
  return ordered(safetySigns.value.values()).filter(
    (sign) => sign.status === "agreed",
  );
}

export function agreedContacts(): SafetyContact[] {
  return ordered(safetyContacts.value.values()).filter(
    (contact) => contact.status === "agreed",
  );
}

/** Everything proposed from phones, waiting for the facilitator. */
export function safetyProposals(): SafetyEntity[] {
  return ordered<SafetyEntity>([
    ...safetyRules.value.values(),
    ...safetySigns.value.values(),
    ...safetyContacts.value.values(),
  ]).filter((item) => item.status === "proposed");
}

/** Agreed rules that nobody keeps: flagged to the facilitator. */
export function unkeptRules(): SafetyRule[] {
  return agreedRules().filter(
    (rule) =>
      (rule.keeper_participants ?? []).length === 0 &&
      (rule.keeper_persons ?? []).length === 0,
  );
}

/** The participants who keep a rule: named themselves, or as their person in the genogram. */
export function keepersOf(rule: SafetyRule): Set<string> {
  const through = (rule.keeper_persons ?? [])
    .map((id) => persons.value.get(id)?.participant)
    .filter((id): id is string => typeof id === "string");
  return new Set([...(rule.keeper_participants ?? []), ...through]);
}

/** Whether this phone's person keeps the rule and has not confirmed it yet. */
export function toConfirm(rule: SafetyRule): boolean {
  const mine = me.value?.participantId;
  return (
    Boolean(mine) &&
    keepersOf(rule).has(mine!) &&
    !(rule.confirmed_by ?? []).includes(mine!)
  );
}

export function hasPlan(): boolean {
  return (
    safetyRules.value.size +
      safetySigns.value.size +
      safetyContacts.value.size >
    0
  );
}

/** The item of the plan the facilitator is changing (one at a time), or null. Its form stays
 * open until the server has taken the change, so a refusal never loses what was typed. */
export const editingSafety = signal<string | null>(null);
