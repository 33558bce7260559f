/** Write whom to call (a phone's is a proposal), or change a contact. A phone number the
 * server refuses as not Danish is said by the phone field, with what was typed still there. */
import { useEffect } from "preact/hooks";
import { t, type MessageKey } from "../../i18n";
import { addContact, editContact, type ContactDraft } from "../../net/safety";
import type { Intent, SafetyContact } from "../../schema.gen";
import { check } from "../../store/forms";
import { FieldError, Label, fieldState, focusFirstRefused } from "../field-error";
import { text } from "../form";
import { FormEnd, refusedCode, useDraftForm } from "./draft-form";
import { word } from "./parts";

const INVALID_PHONE = "invalid_phone";

function read(form: HTMLFormElement): ContactDraft {
  const data = new FormData(form);
  return { name: text(data, "name"), phone: text(data, "phone"), note: text(data, "note") };
}

function fill(form: HTMLFormElement, intent: Intent): boolean {
  if (intent.type !== "safety.contact.add" && intent.type !== "safety.contact.edit") return false;
  const set = (name: string, value: string): void => {
    const field = form.elements.namedItem(name) as HTMLInputElement | null;
    if (field) field.value = value;
  };
  set("name", intent.name);
  set("phone", intent.phone);
  set("note", intent.note ?? "");
  return true;
}

function isEmpty(form: HTMLFormElement): boolean {
  const draft = read(form);
  return !draft.name && !draft.phone && !draft.note;
}

export function contactErrors(draft: ContactDraft): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!draft.name) errors["name"] = "safety.nameRequired";
  if (!draft.phone) errors["phone"] = "safety.phoneRequired";
  return errors;
}

export function ContactForm({ prefix, contact }: { prefix: string; contact?: SafetyContact }) {
  const draft = useDraftForm("contact", { item: contact?.id, fill, isEmpty });
  const { name, editing } = draft;
  const refused = refusedCode(name);
  useEffect(() => {
    if (refused !== INVALID_PHONE) return;
    // The number is the field at fault: say it there and go to it.
    check(name, { phone: "error.invalid_phone" });
    const form = draft.ref.current;
    if (form) requestAnimationFrame(() => focusFirstRefused(form));
  }, [refused]);
  return (
    <form
      ref={draft.ref}
      class="safety-form stack stack--small"
      data-testid={`${prefix}-contact-form`}
      noValidate
      onSubmit={(event) => {
        const fields = read(event.currentTarget);
        draft.submit(event, contactErrors(fields), () =>
          contact ? editContact(contact.id, fields, name) : addContact(fields, name),
        );
      }}
    >
      <label class="field">
        <Label required>{t("safety.name")}</Label>
        <input
          name="name"
          class="input"
          required
          maxLength={40}
          defaultValue={contact?.name ?? ""}
          data-testid={`${prefix}-contact-name`}
          {...fieldState(name, "name")}
        />
        <FieldError form={name} field="name" />
      </label>
      <label class="field">
        <Label required>{t("safety.phone")}</Label>
        <input
          name="phone"
          class="input"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          required
          maxLength={20}
          dir="ltr"
          defaultValue={contact?.phone ?? ""}
          data-testid={`${prefix}-contact-phone`}
          {...fieldState(name, "phone", `${prefix}-phone-help`)}
        />
        <small id={`${prefix}-phone-help`} class="muted">
          {t("safety.phoneHelp")}
        </small>
        <FieldError form={name} field="phone" />
      </label>
      <label class="field">
        <span>{t("safety.when")}</span>
        <input
          name="note"
          class="input"
          maxLength={200}
          defaultValue={contact?.note ?? ""}
          data-testid={`${prefix}-contact-note`}
        />
      </label>
      <FormEnd
        draft={draft}
        testid={`${prefix}-contact-send`}
        saidAtField={INVALID_PHONE}
        label={
          editing
            ? t("safety.save")
            : prefix === "phone"
              ? word("proposeContact")
              : t("safety.addContact")
        }
      />
    </form>
  );
}
