/** The agenda: the bar with the phase and Næste fase / Tilbage, and the editor of phases. */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import {
  addPhase,
  chooseAgenda,
  goToPhase,
  movePhase,
  nextPhase,
  previousPhase,
  renamePhase,
  skipPhase,
  type AgendaTemplate,
} from "../../net/facilitation";
import type { Phase } from "../../schema.gen";
import { agenda, currentPhase } from "../../store/facilitation";
import { phaseTitle } from "../running";
import { ask } from "../../store/dialog";

export function AgendaBar() {
  const phase = currentPhase();
  const phases = agenda.value?.phases ?? [];
  const open = phases.filter((each) => !each.skipped);
  const at = phase ? open.findIndex((each) => each.id === phase.id) : -1;
  return (
    <div class="panel agenda-bar" data-testid="agenda-bar">
      <button
        type="button"
        class="button button--large"
        disabled={at <= 0}
        data-testid="agenda-back"
        onClick={() => previousPhase()}
      >
        <span class="direction-arrow" aria-hidden="true">
          ←
        </span>{" "}
        {t("agenda.back")}
      </button>
      <div class="agenda-bar__now">
        <span class="muted">
          {at >= 0 ? t("phase.of", { n: at + 1, total: open.length }) : t("phase.label")}
        </span>
        <strong data-testid="agenda-current" data-phase={phase?.id ?? ""}>
          {phase ? phaseTitle(phase) : ""}
        </strong>
      </div>
      <button
        type="button"
        class="button button--primary button--large"
        disabled={at >= open.length - 1}
        data-testid="agenda-next"
        onClick={() => nextPhase()}
      >
        {t("agenda.next")}{" "}
        <span class="direction-arrow" aria-hidden="true">
          →
        </span>
      </button>
    </div>
  );
}

const TEMPLATES: AgendaTemplate[] = ["network", "followup", "pre", "three_houses"];

export function AgendaEditor() {
  const phases = agenda.value?.phases ?? [];
  const currentId = agenda.value?.current;
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<AgendaTemplate>(agenda.value?.template ?? "network");
  return (
    <details class="panel" data-testid="agenda-editor">
      <summary>
        <h3 class="run__summary">{t("agenda.title")}</h3>
      </summary>
      <ol class="agenda-list">
        {phases.map((phase, index) => (
          <PhaseRow
            key={phase.id}
            phase={phase}
            current={phase.id === currentId}
            before={index > 1 ? phases[index - 2]!.id : null}
            canUp={index > 0}
            after={index < phases.length - 1 ? phases[index + 1]!.id : null}
          />
        ))}
      </ol>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (addPhase(title, currentId ?? null)) setTitle("");
        }}
      >
        <label class="field field--grow">
          <span>{t("agenda.addLabel")}</span>
          <input
            class="input"
            value={title}
            maxLength={80}
            data-testid="agenda-add-input"
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        </label>
        <button class="button" disabled={!title.trim()} data-testid="agenda-add">
          {t("agenda.add")}
        </button>
      </form>
      <div class="row">
        <label class="field">
          <span>{t("agenda.template")}</span>
          <select
            class="select"
            value={template}
            data-testid="agenda-template"
            onChange={(event) => setTemplate(event.currentTarget.value as AgendaTemplate)}
          >
            {TEMPLATES.map((each) => (
              <option key={each} value={each}>
                {t(`agenda.${each}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="button"
          data-testid="agenda-use"
          onClick={() => {
            ask(t("agenda.confirmUse"), () => chooseAgenda(template), "dialog.yes", false);
          }}
        >
          {t("agenda.use")}
        </button>
      </div>
    </details>
  );
}

interface PhaseRowProps {
  phase: Phase;
  current: boolean;
  before: string | null;
  canUp: boolean;
  after: string | null;
}

function PhaseRow({ phase, current, before, canUp, after }: PhaseRowProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <li
      class={`agenda-list__item ${current ? "is-current" : ""} ${phase.skipped ? "is-skipped" : ""}`}
      data-testid={`phase-${phase.id}`}
      aria-current={current ? "step" : undefined}
    >
      {renaming !== null ? (
        <form
          class="row row--tight"
          onSubmit={(event) => {
            event.preventDefault();
            renamePhase(phase.id, renaming);
            setRenaming(null);
          }}
        >
          <input
            class="input"
            value={renaming}
            maxLength={80}
            aria-label={t("agenda.rename")}
            data-testid={`phase-rename-input-${phase.id}`}
            onInput={(event) => setRenaming(event.currentTarget.value)}
          />
          <button class="button button--small">{t("agenda.save")}</button>
        </form>
      ) : (
        <span class="agenda-list__title">
          {phaseTitle(phase)}
          {current && <span class="badge"> · {t("agenda.now")}</span>}
          {phase.skipped && <span class="muted"> · {t("agenda.skipped")}</span>}
        </span>
      )}
      <span class="row">
        <button
          type="button"
          class="button button--small"
          disabled={current || phase.skipped}
          data-testid={`phase-go-${phase.id}`}
          onClick={() => goToPhase(phase.id)}
        >
          {t("agenda.go")}
        </button>
        <button
          type="button"
          class="button button--small"
          data-testid={`phase-skip-${phase.id}`}
          onClick={() => skipPhase(phase.id, !phase.skipped)}
        >
          {phase.skipped ? t("agenda.unskip") : t("agenda.skip")}
        </button>
        <button
          type="button"
          class="button button--small button--icon"
          disabled={!canUp}
          aria-label={t("agenda.up")}
          onClick={() => movePhase(phase.id, before)}
        >
          ↑
        </button>
        <button
          type="button"
          class="button button--small button--icon"
          disabled={after === null}
          aria-label={t("agenda.down")}
          onClick={() => after !== null && movePhase(phase.id, after)}
        >
          ↓
        </button>
        <button
          type="button"
          class="button button--small"
          data-testid={`phase-rename-${phase.id}`}
          onClick={() => setRenaming(phaseTitle(phase))}
        >
          {t("agenda.rename")}
        </button>
      </span>
    </li>
  );
}
