/** What a form shows about itself: the fields it refused (in the app's words), whether its
 * intent waits for the server's ack, and the server's refusal. A form keeps what was typed until
 * the server has taken it: nothing typed is ever erased by a refusal. */
import { signal } from "@preact/signals";
import type { MessageKey, Refused } from "../i18n";
import type { Intent } from "../schema.gen";

export type FormName =
  | "agreement"
  | "propose"
  | "concern"
  | "scale"
  | "person"
  | "kinship"
  | "join"
  | "code"
  | "safety-rule"
  | "safety-sign"
  | "safety-contact"
  | `safety-item-${string}`;
export type FieldErrors = Readonly<Record<string, MessageKey>>;

/** Per form: field name -> why it cannot be sent. */
export const fieldErrors = signal<Partial<Record<FormName, FieldErrors>>>({});
/** Per form: the op id of the intent it sent that waits for its ack. */
export const awaiting = signal<Partial<Record<FormName, string>>>({});
/** Per form: the server's refusal of what it sent last. */
export const refusals = signal<Partial<Record<FormName, Refused>>>({});
/** Per form: how many of its intents the server has taken. */
export const taken = signal<Partial<Record<FormName, number>>>({});
/** Per form: what it sent that the server refused, to be given back to the form. A form empties
 * itself when it sends (so the next can be typed at once); a refusal puts the words back. */
export const givenBack = signal<Partial<Record<FormName, Intent>>>({});

/** Show these refusals next to their fields; true when there are none and the form may go. */
export function check(form: FormName, errors: FieldErrors): boolean {
  fieldErrors.value = { ...fieldErrors.peek(), [form]: errors };
  if (Object.keys(errors).length === 0) {
    refusals.value = { ...refusals.peek(), [form]: undefined };
    return true;
  }
  return false;
}

/** Clear one field's refusal as the person corrects it. */
export function fieldFixed(form: FormName, field: string): void {
  const errors = fieldErrors.peek()[form];
  if (!errors || !(field in errors)) return;
  const { [field]: _fixed, ...rest } = errors;
  fieldErrors.value = { ...fieldErrors.peek(), [form]: rest };
}

/** The form sent the intent `opId` (null: it could not be queued) and waits for its ack. */
export function sentFrom(form: FormName, opId: string | null): void {
  if (opId) awaiting.value = { ...awaiting.peek(), [form]: opId };
}

/** The server answered `intent` (`refused`: how it refused it). Returns true when a form was
 * waiting for it, so the refusal is shown there and not in the page's notice. */
export function answered(intent: Intent, refused: Refused | null): boolean {
  const waiting = awaiting.peek();
  const form = (Object.keys(waiting) as FormName[]).find((name) => waiting[name] === intent.id);
  if (!form) return false;
  awaiting.value = { ...waiting, [form]: undefined };
  if (!refused) {
    refusals.value = { ...refusals.peek(), [form]: undefined };
    taken.value = { ...taken.peek(), [form]: (taken.peek()[form] ?? 0) + 1 };
  } else {
    refusals.value = { ...refusals.peek(), [form]: refused };
    givenBack.value = { ...givenBack.peek(), [form]: intent };
  }
  return true;
}

/** The form has its refused words back (or the person chose to leave them). */
export function tookBack(form: FormName): void {
  givenBack.value = { ...givenBack.peek(), [form]: undefined };
}

/** A form's own (not the server's) refusal, for a request that is not an intent (join). */
export function refuse(form: FormName, code: string | null): void {
  refusals.value = { ...refusals.peek(), [form]: code ? { code } : undefined };
}
