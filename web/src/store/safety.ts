/** The sikkerhedsplan as this client knows it: rules, warning signs and whom to call, and what
 * the views need from them (in order, proposals apart, rules nobody keeps, rules I keep). */
import { signal } from "@preact/signals";
import type { SafetyContact, SafetyRule, WarningSign } from "../schema.gen";
import { me } from "./connection";
import { persons } from "./genogram";

export const safetyRules = signal<ReadonlyMap<string, SafetyRule>>(new Map());
export const safetySigns = signal<ReadonlyMap<string, WarningSign>>(new Map());
export const safetyContacts = signal<ReadonlyMap<string, SafetyContact>>(
  new Map(),
);

type SafetyEntity = SafetyRule | WarningSign | SafetyContact;

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

/** The items of the plan the facilitator is changing. Each one's form stays open until the
 * server has taken the change or the facilitator cancels it, so neither a refusal nor opening
 * another loses what was typed. */
export const editingSafety = signal<ReadonlySet<string>>(new Set());

export function isEditing(itemId: string): boolean {
  return editingSafety.value.has(itemId);
}

export function stopEditing(itemId: string): void {
  const next = new Set(editingSafety.peek());
  next.delete(itemId);
  editingSafety.value = next;
}
