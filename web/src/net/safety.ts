/** The sikkerhedsplan's intents: rules, warning signs and whom to call, their moderation, the
 * keepers' confirmations and the review of last meeting's rules. `from` names the form an item
 * is written in, which keeps what was typed until the server has it. */
import type { RuleReview } from "../schema.gen";
import type { FormName } from "../store/forms";
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
  name: string;
  does: string;
}

export interface SignDraft {
  text: string;
  steps: StepDraft[];
}

export interface ContactDraft {
  name: string;
  phone: string;
  note: string;
}

export function addRule(draft: RuleDraft, from?: FormName): boolean {
  if (!draft.text.trim()) return false;
  return submit(
    { type: "safety.rule.add", id: newId(), rule_id: newId(), ...draft },
    from,
  );
}

export function editRule(
  ruleId: string,
  draft: RuleDraft,
  from?: FormName,
): boolean {
  if (!draft.text.trim()) return false;
  return submit(
    { type: "safety.rule.edit", id: newId(), rule_id: ruleId, ...draft },
    from,
  );
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

export function addSign(draft: SignDraft, from?: FormName): boolean {
  if (!draft.text.trim()) return false;
  return submit(
    { type: "safety.sign.add", id: newId(), sign_id: newId(), ...draft },
    from,
  );
}

export function editSign(
  signId: string,
  draft: SignDraft,
  from?: FormName,
): boolean {
  if (!draft.text.trim()) return false;
  return submit(
    { type: "safety.sign.edit", id: newId(), sign_id: signId, ...draft },
    from,
  );
}

export function addContact(draft: ContactDraft, from?: FormName): boolean {
  if (!draft.name.trim() || !draft.phone.trim()) return false;
  return submit(
    {
      type: "safety.contact.add",
      id: newId(),
      contact_id: newId(),
      ...draft,
    },
    from,
  );
}

export function editContact(
  contactId: string,
  draft: ContactDraft,
  from?: FormName,
): boolean {
  if (!draft.name.trim() || !draft.phone.trim()) return false;
  return submit(
    {
      type: "safety.contact.edit",
      id: newId(),
      contact_id: contactId,
      ...draft,
    },
    from,
  );
}

export function acceptSafety(itemId: string): boolean {
  return submit({ type: "safety.accept", id: newId(), item_id: itemId });
}

export function deleteSafety(itemId: string): boolean {
  return submit({ type: "safety.delete", id: newId(), item_id: itemId });
}
