/** The app's confirmation dialog: a native modal <dialog>, so the rest of the page is inert
 * while it is open (the focus stays inside), Escape cancels, it is labelled by its question,
 * and the focus goes back to where it was when it closes. */
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";
import { answer, question } from "../store/dialog";

export function ConfirmDialog() {
  const asked = question.value;
  const ref = useRef<HTMLDialogElement>(null);
  const before = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (asked && !dialog.open) {
      before.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('[data-testid="dialog-no"]')?.focus();
    } else if (!asked && dialog.open) {
      dialog.close();
      before.current?.focus();
      before.current = null;
    }
  }, [asked]);
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="confirm-dialog-text"
      data-testid="dialog"
      onCancel={(event) => {
        // Escape: the dialog closes through the state, like the buttons.
        event.preventDefault();
        answer(false);
      }}
    >
      {asked && (
        <form
          method="dialog"
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            answer(true);
          }}
        >
          <p id="confirm-dialog-text" class="confirm-dialog__text" data-testid="dialog-text">
            {asked.text}
          </p>
          <div class="row confirm-dialog__buttons">
            <button
              type="button"
              class="button"
              data-testid="dialog-no"
              onClick={() => answer(false)}
            >
              {t("dialog.no")}
            </button>
            <button
              class={`button ${asked.danger ? "button--danger" : "button--primary"}`}
              data-testid="dialog-yes"
            >
              {t(asked.yes)}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
