/** How every form of the plan keeps what was typed. A form that adds empties itself when it
 * sends, so the next can be typed at once, and a refusal puts the words back (or, when
 * something new is typed already, offers to). A form that changes an item stays open with its
 * words until the server has taken the change or it is cancelled. Either way the refusal is
 * said by the form. */
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
import { editingSafety, stopEditing } from "../../store/safety";
import { Refusal, focusFirstRefused, useGiveBack, useOnTaken } from "../field-error";

export interface DraftFormOptions {
  /** The item the form changes (it stays open until its change is taken); none: it adds. */
  item?: string;
  /** Put a refused intent's words back; false when the intent is not this form's. */
  fill: (form: HTMLFormElement, intent: Intent) => boolean;
  isEmpty: (form: HTMLFormElement) => boolean;
}

export interface DraftForm {
  name: FormName;
  /** True when the form changes an item rather than adding one: the item `item`. */
  editing: boolean;
  item?: string;
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

type Kind = "rule" | "sign" | "contact";

/** The form that changes the item `itemId`: one each, so several can be open at once. */
function itemForm(itemId: string): FormName {
  return `safety-item-${itemId}`;
}

/** The form that adds an item of `kind`, or changes the item `item`. */
export function useDraftForm(kind: Kind, { item, fill, isEmpty }: DraftFormOptions): DraftForm {
  const name: FormName = item === undefined ? `safety-${kind}` : itemForm(item);
  const editing = item !== undefined;
  const ref = useRef<HTMLFormElement>(null);
  useGiveBack(name, (intent) => {
    const form = ref.current;
    // A form that changes an item still holds the words the server refused.
    if (editing) return true;
    if (!form || !isEmpty(form)) return false;
    return fill(form, intent);
  });
  useOnTaken(name, () => {
    if (item !== undefined) stopEditing(item);
  });
  return {
    name,
    editing,
    item,
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

/** The code of the server's refusal of what the form sent last, if it refused it. */
export function refusedCode(name: FormName): string | undefined {
  return refusals.value[name]?.code;
}

/** Start changing an item: its form opens with no refusal left from an earlier change. */
export function startEditing(itemId: string): void {
  const name = itemForm(itemId);
  check(name, {});
  tookBack(name);
  editingSafety.value = new Set(editingSafety.peek()).add(itemId);
}

/** The end of a form: the server's refusal, the button, and (when changing) *Annuller*. */
export function FormEnd({
  draft,
  label,
  testid,
  saidAtField,
}: {
  draft: DraftForm;
  label: string;
  testid: string;
  /** A refusal code a field shows by itself, so it is not said twice. */
  saidAtField?: string;
}) {
  const { name, editing, item } = draft;
  // Said by its field, unless the refused words wait for the button that puts them back.
  const atField =
    saidAtField !== undefined &&
    refusedCode(name) === saidAtField &&
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
        {item !== undefined && (
          <button
            type="button"
            class="button"
            data-testid="safety-edit-cancel"
            onClick={() => stopEditing(item)}
          >
            {t("board.cancel")}
          </button>
        )}
      </div>
    </>
  );
}
