/** How every form of the plan keeps what was typed. A form that adds empties itself when it
 * sends, so the next can be typed at once, and a refusal puts the words back (or, when
 * something new is typed already, offers to). A form that changes an item stays open with its
 * words until the server has taken the change. Either way the refusal is said by the form. */
import { useRef } from "preact/hooks";
import { t } from "../../i18n";
import type { Intent } from "../../schema.gen";
import {
  check,
  givenBack,
  refusals,
  tookBack,
  type FieldErrors,
  type FormName,
} from "../../store/forms";
import { editingSafety } from "../../store/safety";
import { Refusal, focusFirstRefused, useGiveBack, useOnTaken } from "../field-error";

export interface DraftFormOptions {
  name: FormName;
  /** True when the form changes an item (it stays open until its change is taken). */
  editing: boolean;
  /** Put a refused intent's words back; false when the intent is not this form's. */
  fill: (form: HTMLFormElement, intent: Intent) => boolean;
  isEmpty: (form: HTMLFormElement) => boolean;
}

export interface DraftForm {
  ref: { current: HTMLFormElement | null };
  /** Check the fields, send, and empty an adding form once its intent is queued. */
  submit: (
    event: Event & { currentTarget: HTMLFormElement },
    errors: FieldErrors,
    send: () => boolean,
  ) => void;
  /** Put refused words back even over what is typed now (the refusal's button). */
  giveBack: (intent: Intent) => void;
}

export function useDraftForm({ name, editing, fill, isEmpty }: DraftFormOptions): DraftForm {
  const ref = useRef<HTMLFormElement>(null);
  useGiveBack(name, (intent) => {
    const form = ref.current;
    // A form that changes an item still holds the words the server refused.
    if (editing) return true;
    if (!form || !isEmpty(form)) return false;
    return fill(form, intent);
  });
  useOnTaken(name, () => {
    if (editing) editingSafety.value = null;
  });
  return {
    ref,
    submit: (event, errors, send) => {
      event.preventDefault();
      const form = event.currentTarget;
      if (!check(name, errors)) {
        requestAnimationFrame(() => focusFirstRefused(form));
        return;
      }
      if (send() && !editing) form.reset();
    },
    giveBack: (intent) => {
      if (ref.current) fill(ref.current, intent);
    },
  };
}

/** Start changing an item: its form opens with no refusal left from another. */
export function startEditing(itemId: string): void {
  check("safety-edit", {});
  tookBack("safety-edit");
  editingSafety.value = itemId;
}

/** The end of a form: the server's refusal, the button, and (when changing) *Annuller*. */
export function FormEnd({
  draft,
  name,
  editing,
  label,
  testid,
  saidAtField,
}: {
  draft: DraftForm;
  name: FormName;
  editing: boolean;
  label: string;
  testid: string;
  /** A refusal code a field shows by itself, so it is not said twice. */
  saidAtField?: string;
}) {
  // Said by its field, unless the refused words wait for the button that puts them back.
  const atField =
    saidAtField !== undefined &&
    refusals.value[name] === saidAtField &&
    !givenBack.value[name];
  return (
    <>
      {!atField && (
        <Refusal form={name} restore={editing ? undefined : draft.giveBack} />
      )}
      <div class="safety-item__actions">
        <button type="submit" class="button button--primary" data-testid={testid}>
          {label}
        </button>
        {editing && (
          <button
            type="button"
            class="button"
            data-testid="safety-edit-cancel"
            onClick={() => {
              editingSafety.value = null;
            }}
          >
            {t("board.cancel")}
          </button>
        )}
      </div>
    </>
  );
}
