/** Write a warning sign and what each person does then (a phone's is a proposal), or change
 * one. A step needs both who and what: half a step is said, never dropped. */
import { t, type MessageKey } from "../../i18n";
import { addSign, editSign, type SignDraft, type StepDraft } from "../../net/safety";
import type { Intent, SignStep, WarningSign } from "../../schema.gen";
import type { FormName } from "../../store/forms";
import { FieldError, fieldState } from "../field-error";
import { text } from "../form";
import { FormEnd, useDraftForm } from "./draft-form";
import { ItemText } from "./item-text";
import { word } from "./parts";
import { WhoOptions } from "./people-choice";

const STEPS_MAX = 30;

interface StepFields {
  who: string;
  does: string;
}

function rowsOf(form: HTMLFormElement): StepFields[] {
  const data = new FormData(form);
  const rows: StepFields[] = [];
  for (let index = 0; data.has(`who-${index}`); index++) {
    rows.push({ who: text(data, `who-${index}`), does: text(data, `does-${index}`) });
  }
  return rows;
}

function toStep({ who, does }: StepFields): StepDraft {
  return {
    participant: who.startsWith("p:") ? who.slice(2) : null,
    person: who.startsWith("g:") ? who.slice(2) : null,
    name: who.startsWith("n:") ? who.slice(2) : "",
    does,
  };
}

function whoOf(step: Pick<SignStep, "participant" | "person" | "name">): string {
  if (step.participant) return `p:${step.participant}`;
  if (step.person) return `g:${step.person}`;
  return step.name ? `n:${step.name}` : "";
}

function read(form: HTMLFormElement): SignDraft {
  return {
    text: text(new FormData(form), "text"),
    steps: rowsOf(form)
      .filter((row) => row.who && row.does)
      .map(toStep),
  };
}

export function signErrors(
  signText: string,
  rows: readonly StepFields[],
): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!signText) errors["text"] = "safety.signRequired";
  rows.forEach((row, index) => {
    if (row.does && !row.who) errors[`who-${index}`] = "safety.stepWhoRequired";
    if (row.who && !row.does) errors[`does-${index}`] = "safety.stepDoesRequired";
  });
  return errors;
}

function fill(form: HTMLFormElement, intent: Intent): boolean {
  if (intent.type !== "safety.sign.add" && intent.type !== "safety.sign.edit") return false;
  const set = (name: string, value: string): void => {
    const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (field) field.value = value;
  };
  set("text", intent.text);
  const steps = intent.steps ?? [];
  for (let index = 0; form.elements.namedItem(`who-${index}`); index++) {
    const step = steps[index];
    set(`who-${index}`, step ? whoOf(step) : "");
    set(`does-${index}`, step?.does ?? "");
  }
  return true;
}

function isEmpty(form: HTMLFormElement): boolean {
  return (
    !text(new FormData(form), "text") && rowsOf(form).every((row) => !row.who && !row.does)
  );
}

function StepRow({
  index,
  prefix,
  name,
  step,
  named,
}: {
  index: number;
  prefix: string;
  name: FormName;
  step?: SignStep;
  named: readonly string[];
}) {
  return (
    <div class="safety-step-row">
      <label class="field">
        <span>{t("safety.who")}</span>
        <select
          name={`who-${index}`}
          class="input"
          data-testid={`${prefix}-step-who-${index}`}
          {...fieldState(name, `who-${index}`)}
        >
          <WhoOptions named={named} chosen={step ? whoOf(step) : ""} />
        </select>
        <FieldError form={name} field={`who-${index}`} />
      </label>
      <label class="field">
        <span>{t("safety.does")}</span>
        <input
          name={`does-${index}`}
          class="input"
          maxLength={200}
          defaultValue={step?.does ?? ""}
          data-testid={`${prefix}-step-does-${index}`}
          {...fieldState(name, `does-${index}`)}
        />
        <FieldError form={name} field={`does-${index}`} />
      </label>
    </div>
  );
}

export function SignForm({ prefix, sign }: { prefix: string; sign?: WarningSign }) {
  const draft = useDraftForm("sign", { item: sign?.id, fill, isEmpty });
  const { name, editing } = draft;
  const steps = sign?.steps ?? [];
  // One empty row more than the sign has, so a step can be added while changing it.
  const rows = Math.min(STEPS_MAX, Math.max(2, steps.length + 1));
  const named = steps.filter((s) => !s.participant && !s.person && s.name).map((s) => s.name!);
  return (
    <form
      ref={draft.ref}
      class="safety-form stack stack--small"
      data-testid={`${prefix}-sign-form`}
      noValidate
      onSubmit={(event) => {
        const form = event.currentTarget;
        const fields = read(form);
        const errors = signErrors(fields.text, rowsOf(form));
        draft.submit(event, errors, () =>
          sign ? editSign(sign.id, fields, name) : addSign(fields, name),
        );
      }}
    >
      <ItemText
        form={name}
        label="safety.signText"
        value={sign?.text ?? ""}
        testId={`${prefix}-sign-text`}
      />
      {Array.from({ length: rows }, (_, index) => (
        <StepRow
          key={index}
          index={index}
          prefix={prefix}
          name={name}
          step={steps[index]}
          named={named}
        />
      ))}
      <FormEnd
        draft={draft}
        testid={`${prefix}-sign-send`}
        label={
          editing
            ? t("safety.save")
            : prefix === "phone"
              ? word("proposeSign")
              : t("safety.addSign")
        }
      />
    </form>
  );
}
