/** Write a rule (the facilitator's is part of the plan at once, a phone's is a proposal), or
 * change one. The rule's words are required; a rule nobody keeps is allowed and flagged. */
import { t, type MessageKey } from "../../i18n";
import { addRule, editRule, type RuleDraft } from "../../net/safety";
import type { Intent, SafetyRule } from "../../schema.gen";
import { text } from "../form";
import { FormEnd, useDraftForm } from "./draft-form";
import { ItemText } from "./item-text";
import { word } from "./parts";
import { chosenOf, KeeperChoices } from "./people-choice";

function read(form: HTMLFormElement): RuleDraft {
  const data = new FormData(form);
  const keepers = data.getAll("keeper").map(String);
  return {
    must: data.get("must") !== "no",
    text: text(data, "text"),
    keeper_participants: chosenOf(keepers, "p"),
    keeper_persons: chosenOf(keepers, "g"),
  };
}

function fill(form: HTMLFormElement, intent: Intent): boolean {
  if (intent.type !== "safety.rule.add" && intent.type !== "safety.rule.edit") return false;
  const must = intent.must ?? true;
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="must"]')) {
    radio.checked = radio.value === (must ? "yes" : "no");
  }
  const area = form.elements.namedItem("text") as HTMLTextAreaElement | null;
  if (area) area.value = intent.text;
  const keepers = new Set([
    ...(intent.keeper_participants ?? []).map((id) => `p:${id}`),
    ...(intent.keeper_persons ?? []).map((id) => `g:${id}`),
  ]);
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="keeper"]')) {
    box.checked = keepers.has(box.value);
  }
  return true;
}

function isEmpty(form: HTMLFormElement): boolean {
  const draft = read(form);
  return !draft.text && !draft.keeper_participants.length && !draft.keeper_persons.length;
}

export function ruleErrors(draft: RuleDraft): Record<string, MessageKey> {
  return draft.text ? {} : { text: "safety.ruleRequired" };
}

export function RuleForm({ prefix, rule }: { prefix: string; rule?: SafetyRule }) {
  const draft = useDraftForm("rule", { item: rule?.id, fill, isEmpty });
  const { name, editing } = draft;
  const chosen = rule
    ? [
        ...(rule.keeper_participants ?? []).map((id) => `p:${id}`),
        ...(rule.keeper_persons ?? []).map((id) => `g:${id}`),
      ]
    : [];
  return (
    <form
      ref={draft.ref}
      class="safety-form stack stack--small"
      data-testid={`${prefix}-rule-form`}
      noValidate
      onSubmit={(event) => {
        const fields = read(event.currentTarget);
        draft.submit(event, ruleErrors(fields), () =>
          rule ? editRule(rule.id, fields, name) : addRule(fields, name),
        );
      }}
    >
      <fieldset class="choices">
        <legend>{t("safety.ruleKind")}</legend>
        <label class="choice">
          <input type="radio" name="must" value="yes" defaultChecked={rule?.must ?? true} />
          <span>{word("must")}</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="must"
            value="no"
            defaultChecked={rule ? !rule.must : false}
            data-testid={`${prefix}-rule-must-not`}
          />
          <span>{word("mustNot")}</span>
        </label>
      </fieldset>
      <ItemText
        form={name}
        label="safety.ruleText"
        value={rule?.text ?? ""}
        testId={`${prefix}-rule-text`}
      />
      <fieldset class="choices choices--wrap">
        <legend>{t("safety.keepers")}</legend>
        <KeeperChoices name="keeper" chosen={chosen} prefix={prefix} />
      </fieldset>
      <FormEnd
        draft={draft}
        testid={`${prefix}-rule-send`}
        label={
          editing
            ? t("safety.save")
            : prefix === "phone"
              ? word("proposeRule")
              : t("safety.addRule")
        }
      />
    </form>
  );
}
