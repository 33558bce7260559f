/** Write (facilitator) or propose (phone) an agreement. Required fields are marked, a refusal
 * is shown by its field in the app's language, and words the server refuses come back into the
 * form: nothing typed is lost. */
import { useRef } from "preact/hooks";
import { t, type MessageKey } from "../../i18n";
import { writeAgreement, type AgreementDraft } from "../../net/actions";
import { columnCards } from "../../store/board";
import { me } from "../../store/connection";
import { meeting } from "../../store/entities";
import type { Intent } from "../../schema.gen";
import { check, fieldErrors, fieldFixed, type FormName } from "../../store/forms";
import {
  FieldError,
  Label,
  Refusal,
  errorId,
  fieldState,
  focusFirstRefused,
  useGiveBack,
} from "../field-error";
import { text } from "../form";
import { admittedPeople } from "../people";

function read(form: HTMLFormElement): AgreementDraft {
  const data = new FormData(form);
  return {
    what: text(data, "what"),
    who_participants: data.getAll("who").map(String),
    who_names: text(data, "names")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    who_municipality: data.get("municipality") === "on",
    when_date: text(data, "when_date") || null,
    when_text: text(data, "when_text"),
    serves: text(data, "serves") || null,
  };
}

function isEmpty(form: HTMLFormElement): boolean {
  const draft = read(form);
  return !draft.what && !draft.who_participants.length && !draft.who_names.length;
}

/** Put a refused agreement's words back into the form. */
function fill(form: HTMLFormElement, intent: Intent): void {
  if (intent.type !== "agreement.add" && intent.type !== "agreement.propose") return;
  const field = (name: string) =>
    form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
  const set = (name: string, value: string): void => {
    const element = field(name);
    if (element) element.value = value;
  };
  set("what", intent.what);
  set("names", (intent.who_names ?? []).join(", "));
  set("when_date", intent.when_date ?? "");
  set("when_text", intent.when_text ?? "");
  set("serves", intent.serves ?? "");
  const who = new Set(intent.who_participants ?? []);
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="who"]')) {
    box.checked = who.has(box.value);
  }
  const municipality = field("municipality") as HTMLInputElement | null;
  if (municipality) municipality.checked = intent.who_municipality ?? false;
}

/** The domain's rule, said before sending: what, and who (a date is not needed). */
export function agreementErrors(draft: AgreementDraft): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!draft.what) errors["what"] = "agr.whatRequired";
  if (!draft.who_participants.length && !draft.who_names.length && !draft.who_municipality) {
    errors["who"] = "agr.whoRequired";
  }
  return errors;
}

export function AgreementForm({ proposal }: { proposal: boolean }) {
  const people = admittedPeople().filter((p) => p.role !== "facilitator");
  const notes = (meeting.value?.columns.includes("next") ? columnCards("next") : []).filter(
    (card) => card.pending !== "add",
  );
  const prefix = proposal ? "propose" : "agreement";
  const name: FormName = proposal ? "propose" : "agreement";
  const ref = useRef<HTMLFormElement>(null);
  const restore = (intent: Intent, always = false): boolean => {
    const form = ref.current;
    if (!form || (!always && !isEmpty(form))) return false;
    fill(form, intent);
    return true;
  };
  useGiveBack(name, (intent) => restore(intent));
  const whoRefused = fieldErrors.value[name]?.["who"] !== undefined;
  return (
    <form
      ref={ref}
      class="agreement-form stack stack--small"
      data-testid={`${prefix}-form`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const draft = read(form);
        if (!check(name, agreementErrors(draft))) {
          requestAnimationFrame(() => focusFirstRefused(form));
          return;
        }
        // Emptied at once, for the next agreement; refused words come back (useGiveBack).
        if (writeAgreement(draft, proposal)) form.reset();
      }}
    >
      <p class="muted">{t("form.requiredNote")}</p>
      <label class="field">
        <Label required>{t("agr.what")}</Label>
        <textarea
          name="what"
          class="textarea"
          rows={2}
          required
          maxLength={300}
          data-testid={`${prefix}-what`}
          {...fieldState(name, "what")}
        />
        <FieldError form={name} field="what" />
      </label>
      <fieldset
        class="choices choices--wrap"
        aria-describedby={whoRefused ? errorId(name, "who") : undefined}
        data-refused={whoRefused ? "" : undefined}
        onChange={() => fieldFixed(name, "who")}
      >
        <legend>
          <Label required>{t("agr.who")}</Label>
        </legend>
        {people.map((person) => (
          <label class="choice" key={person.id}>
            <input
              type="checkbox"
              name="who"
              value={person.id}
              data-testid={`${prefix}-who-${person.id}`}
            />
            <span>
              {person.id === me.value?.participantId
                ? `${person.name} (${t("fac.you")})`
                : person.name}
            </span>
          </label>
        ))}
        <label class="choice">
          <input type="checkbox" name="municipality" data-testid={`${prefix}-municipality`} />
          <span>{t("agr.municipality")}</span>
        </label>
        <FieldError form={name} field="who" />
      </fieldset>
      <label class="field">
        <span>{t("agr.whoNames")}</span>
        <input name="names" class="input" maxLength={200} data-testid={`${prefix}-names`} />
      </label>
      <div class="row row--wrap">
        <label class="field">
          <span>{t("agr.whenDate")}</span>
          <input name="when_date" type="date" class="input" data-testid={`${prefix}-when-date`} />
        </label>
        <label class="field field--grow">
          <span>{t("agr.whenText")}</span>
          <input
            name="when_text"
            class="input"
            maxLength={80}
            aria-describedby={`${prefix}-when-help`}
            data-testid={`${prefix}-when-text`}
          />
        </label>
      </div>
      <small id={`${prefix}-when-help`} class="muted">
        {t("agr.whenHelp")}
      </small>
      {notes.length > 0 && (
        <label class="field">
          <span>{t("agr.serves")}</span>
          <select name="serves" class="input" data-testid={`${prefix}-serves`}>
            <option value="">{t("agr.servesNone")}</option>
            {notes.map((card) => (
              <option key={card.id} value={card.id}>
                {card.text.length > 60 ? `${card.text.slice(0, 60)}…` : card.text}
              </option>
            ))}
          </select>
        </label>
      )}
      {proposal && <p class="muted">{t("agr.proposeHelp")}</p>}
      <Refusal form={name} restore={(intent) => restore(intent, true)} />
      <button class="button button--primary" data-testid={`${prefix}-submit`}>
        {proposal ? t("agr.proposeSend") : t("agr.write")}
      </button>
    </form>
  );
}
