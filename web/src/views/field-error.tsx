/** A form's refusals in the app's own words: next to the field, and the server's next to the
 * form's button. Forms use `noValidate`, so the browser never shows its own bubbles. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import "./forms.css";
import { refusalText, t } from "../i18n";
import type { Intent } from "../schema.gen";
import {
  fieldErrors,
  fieldFixed,
  givenBack,
  refusals,
  taken,
  tookBack,
  type FormName,
} from "../store/forms";

export function errorId(form: FormName, field: string): string {
  return `${form}-${field}-error`;
}

/** The attributes a field needs to be announced as required and, when refused, as invalid. */
export function fieldState(
  form: FormName,
  field: string,
  describedBy?: string,
): Record<string, string | boolean | undefined | ((event: Event) => void)> {
  const refused = fieldErrors.value[form]?.[field] !== undefined;
  const ids = [describedBy, refused ? errorId(form, field) : undefined].filter(Boolean).join(" ");
  return {
    "aria-invalid": refused ? "true" : undefined,
    "aria-describedby": ids || undefined,
    onInput: () => fieldFixed(form, field),
    onChange: () => fieldFixed(form, field),
  };
}

/** A label's text, marked when the field must be filled in. */
export function Label({ children, required = false }: { children: ComponentChildren; required?: boolean }) {
  return (
    <span>
      {children}
      {required && (
        <>
          {" "}
          <span class="field__required" aria-hidden="true">
            *
          </span>
          <span class="visually-hidden">{t("form.requiredMark")}</span>
        </>
      )}
    </span>
  );
}

export function FieldError({ form, field }: { form: FormName; field: string }) {
  const key = fieldErrors.value[form]?.[field];
  if (!key) return null;
  return (
    <p class="field-error" id={errorId(form, field)} data-testid={`${form}-${field}-error`}>
      {t(key)}
    </p>
  );
}

/** The server's refusal of what the form sent, by the button. The words come back into the
 * form by themselves when it is empty; when something new is typed there already, the refused
 * words are shown here with a button to put them back. */
export function Refusal({ form, restore }: { form: FormName; restore?: (intent: Intent) => void }) {
  const refused = refusals.value[form];
  const back = givenBack.value[form];
  if (!refused) return null;
  return (
    <div
      class="form-error stack stack--small"
      role="alert"
      data-testid={`${form}-refusal`}
      data-code={refused.code}
    >
      <p>
        {refusalText(refused)} {back && restore ? t("form.notKept") : t("form.keptTyped")}
      </p>
      {back && restore && (
        <button
          type="button"
          class="button button--small"
          data-testid={`${form}-give-back`}
          onClick={() => {
            restore(back);
            tookBack(form);
          }}
        >
          {t("form.giveBack")}
        </button>
      )}
    </div>
  );
}

/** Put refused words back into the form by themselves, when `restore` can (the form is empty:
 * it returns false when something new is typed there, and the Refusal offers a button). */
export function useGiveBack(form: FormName, restore: (intent: Intent) => boolean): void {
  const back = givenBack.value[form];
  useEffect(() => {
    if (back && restore(back)) tookBack(form);
  }, [back]);
}

/** Move focus to the first refused field, so a keyboard or screen reader lands on it. */
export function focusFirstRefused(form: HTMLFormElement): void {
  form
    .querySelector<HTMLElement>('[aria-invalid="true"], [data-refused] input, [data-refused] select')
    ?.focus();
}

/** Run `then` each time the server takes what the form `name` sent (never on a refusal). */
export function useOnTaken(name: FormName, then: () => void): void {
  const count = taken.value[name] ?? 0;
  const seen = useRef(count);
  useEffect(() => {
    if (count !== seen.current) then();
    seen.current = count;
  }, [count]);
}
