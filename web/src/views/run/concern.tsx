/** The bekymringsgrundlag as a form: for the facilitator, and for the rådgiver's phone. */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { editConcern, type ConcernDraft } from "../../net/facilitation";
import { awaiting } from "../../store/forms";
import { concern } from "../../store/facilitation";
import { Refusal, useOnTaken } from "../field-error";

const CONCERN_FIELDS: (keyof ConcernDraft)[] = [
  "who",
  "what",
  "impact",
  "future",
  "statement",
  "goals",
];

function fromConcern(): ConcernDraft {
  const written = concern.peek();
  return {
    who: written?.who ?? "",
    what: written?.what ?? "",
    impact: written?.impact ?? "",
    future: written?.future ?? "",
    statement: written?.statement ?? "",
    goals: written?.goals ?? "",
  };
}

/** The bekymringsgrundlag as a form: for the facilitator, and for the rådgiver's phone. */
export function ConcernEditor({ open = false }: { open?: boolean }) {
  const [draft, setDraft] = useState<ConcernDraft>(fromConcern);
  const [saved, setSaved] = useState(false);
  // "Gemt" only once the server has it; a refusal is shown by the button, the text stays.
  useOnTaken("concern", () => setSaved(true));
  const sending = awaiting.value["concern"] !== undefined;
  return (
    <details class="panel" open={open} data-testid="concern-editor">
      <summary>
        <h3 class="run__summary">{t("concern.edit")}</h3>
      </summary>
      <form
        class="stack stack--small"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          editConcern(draft);
        }}
      >
        {CONCERN_FIELDS.map((field) => (
          <label key={field} class="field">
            <span>{t(`concern.${field}`)}</span>
            <textarea
              class="textarea"
              rows={field === "statement" ? 3 : 2}
              maxLength={2000}
              value={draft[field]}
              data-testid={`concern-input-${field}`}
              onInput={(event) => {
                setSaved(false);
                setDraft({ ...draft, [field]: event.currentTarget.value });
              }}
            />
          </label>
        ))}
        <Refusal form="concern" />
        <div class="row">
          <button class="button button--primary" disabled={sending} data-testid="concern-save">
            {sending ? t("form.sending") : t("concern.save")}
          </button>
          {saved && (
            <span class="muted" role="status">
              {t("concern.saved")}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
