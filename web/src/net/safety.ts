/** The sikkerhedsplan's intents: rules, warning signs and whom to call, their moderation, the
 * keepers' confirmations and the review of last meeting's rules. */
import type { RuleReview } from "../schema.gen";
import { newId } from "./ids";
import { submit } from "./live";

export interface RuleDraft {
  must: boolean;
  text: string;
  keeper_participants: string[];
  keeper_persons: string[];
}

export interface StepDraft {
  participant: string | null;
  person: string | null;
  does: string;
}

export function addRule(draft: RuleDraft): boolean {
  if (!draft.text.trim()) return false;
  return submit({
    type: "safety.rule.add",
    id: newId(),
    rule_id: newId(),
    ...draft,
  });
}

export function editRule(ruleId: string, draft: RuleDraft): boolean {
  return submit({
    type: "safety.rule.edit",
    id: newId(),
    rule_id: ruleId,
    ...draft,
  });
}

export function confirmRule(ruleId: string): boolean {
  return submit({ type: "safety.rule.confirm", id: newId(), rule_id: ruleId });
}

export function reviewRule(ruleId: string, review: RuleReview): boolean {
  return submit({
    type: "safety.rule.review",
    id: newId(),
    rule_id: ruleId,
    review,
  });
}

export function addSign(text: string, steps: StepDraft[]): boolean {
  if (!text.trim()) return false;
  return submit({
    type: "safety.sign.add",
    id: newId(),
    sign_id: newId(),
    text,
    steps,
  });
}

export function addContact(name: string, phone: string, note: string): boolean {
  if (!name.trim() || !phone.trim()) return false;
  return submit({
    type: "safety.contact.add",
    id: newId(),
    contact_id: newId(),
    name,
    phone,
    note,
  });
}

export function acceptSafety(itemId: string): boolean {
  return submit({ type: "safety.accept", id: newId(), item_id: itemId });
}

export function deleteSafety(itemId: string): boolean {
  return submit({ type: "safety.delete", id: newId(), item_id: itemId });
}
