/** The facilitator's scaling: asking a question, running it, and earlier meetings' answers. */
import { useEffect, useRef } from "preact/hooks";
import { t, type MessageKey } from "../../i18n";
import {
  askScale,
  closeScale,
  deleteScale,
  loadScaleHistory,
  revealScale,
  showScale,
} from "../../net/scaling";
import type { Intent, Scale, ScalePreset } from "../../schema.gen";
import { columnCards } from "../../store/board";
import { meeting } from "../../store/entities";
import { latestScale, scaleHistory, scaleList } from "../../store/scaling";
import { check, fieldFixed } from "../../store/forms";
import {
  FieldError,
  Refusal,
  fieldState,
  focusFirstRefused,
  useGiveBack,
} from "../field-error";
import { fields, text } from "../form";
import { PRESETS, medianText, ScaleCount, ScaleSpread, FollowUpNotes, FollowUpForm } from "./parts";
import { HistoryChart } from "./history";
import { ask } from "../../store/dialog";

export function FacilitatorScaling({ caseId }: { caseId: string | null }) {
  const list = scaleList();
  const current = latestScale();
  const revealed = list.filter((scale) => scale.status === "revealed").length;
  useEffect(() => {
    if (caseId) void loadScaleHistory(caseId);
  }, [caseId, revealed]);
  const closed = meeting.value?.status === "closed";
  return (
    <section class="panel stack" aria-labelledby="scaling-heading" data-testid="scaling-panel">
      <h2 id="scaling-heading">{t("scale.heading")}</h2>
      {current && <RunningScale scale={current} frozen={closed} />}
      {!closed && !current && <AskForm />}
      {!closed && current && current.status !== "open" && (
        <details class="stack stack--small" data-testid="scale-new">
          <summary>{t("scale.new")}</summary>
          <AskForm />
        </details>
      )}
      {list.length > 1 && (
        <details class="stack stack--small">
          <summary>{t("scale.earlier")}</summary>
          <ul class="earlier-scales">
            {list.slice(0, -1).map((scale) => (
              <li key={scale.id}>
                {scale.question} ·{" "}
                {scale.status === "revealed"
                  ? t("scale.median", { value: medianText(scale) })
                  : t(`scale.status.${scale.status ?? "open"}`)}{" "}
                {!(scale.on_screen ?? true) && (
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() => showScale(scale.id, true)}
                  >
                    {t("scale.show")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {caseId && current && <HistoryFor scaleKey={current.key} />}
      {caseId && !current && <EarlierResults />}
    </section>
  );
}

/** The newest question and its controls; a closed meeting (`frozen`) shows it read-only. */
export function RunningScale({ scale, frozen }: { scale: Scale; frozen: boolean }) {
  return (
    <div class="stack running-scale" data-testid="running-scale" data-status={scale.status}>
      <h3>{scale.question}</h3>
      {scale.tied_to && <p class="muted">{t("scale.tiedShown", { text: scale.tied_to })}</p>}
      <p class="muted">
        {scale.anonymous ? t("scale.anonymous") : t("scale.named")} ·{" "}
        {t(`scale.status.${scale.status ?? "open"}`)}
      </p>
      <ScaleCount scale={scale} />
      {!frozen && (
        <div class="row row--wrap">
          {scale.status === "open" && (
            <button
              type="button"
              class="button"
              data-testid="scale-close"
              onClick={() => closeScale(scale.id)}
            >
              {t("scale.close")}
            </button>
          )}
          {scale.status !== "revealed" && (
            <button
              type="button"
              class="button button--primary"
              data-testid="scale-reveal"
              onClick={() => revealScale(scale.id)}
            >
              {t("scale.reveal")}
            </button>
          )}
          <button
            type="button"
            class="button"
            data-testid="scale-screen"
            aria-pressed={scale.on_screen ?? true}
            onClick={() => showScale(scale.id, !(scale.on_screen ?? true))}
          >
            {(scale.on_screen ?? true) ? t("scale.hide") : t("scale.show")}
          </button>
          <button
            type="button"
            class="button button--quiet"
            data-testid="scale-delete"
            onClick={() => {
              ask(t("scale.confirmDelete"), () => deleteScale(scale.id), "dialog.delete");
            }}
          >
            {t("scale.delete")}
          </button>
        </div>
      )}
      {scale.status === "revealed" && (
        <>
          <ScaleSpread scale={scale} />
          <FollowUpNotes scale={scale} />
          {!frozen && <FollowUpForm scale={scale} prefix="fac" />}
        </>
      )}
    </div>
  );
}

export function AskForm() {
  const suggestions = [...columnCards("worries"), ...columnCards("next")].map((card) => card.text);
  const ref = useRef<HTMLFormElement>(null);
  // Refused words come back when the form is still empty (or by the Refusal's button).
  const restore = (intent: Intent, always = false): boolean => {
    const form = ref.current;
    if (!form || intent.type !== "scale.ask") return false;
    const question = form.elements.namedItem("question") as HTMLInputElement | null;
    const tied = form.elements.namedItem("tied_to") as HTMLInputElement | null;
    if (!question || !tied || (!always && (question.value || tied.value))) return false;
    question.value = intent.question ?? "";
    tied.value = intent.tied_to ?? "";
    form.querySelector<HTMLInputElement>(`input[name="preset"][value="${intent.preset}"]`)?.click();
    return true;
  };
  useGiveBack("scale", (intent) => restore(intent));
  return (
    <form
      ref={ref}
      class="stack stack--small"
      data-testid="scale-form"
      noValidate
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        const preset = (text(data, "preset") || "safety") as ScalePreset;
        const question = text(data, "question");
        const errors: Record<string, MessageKey> =
          preset === "custom" && !question ? { question: "scale.questionRequired" } : {};
        if (!check("scale", errors)) {
          requestAnimationFrame(() => focusFirstRefused(form));
          return;
        }
        if (askScale(preset, question, text(data, "tied_to"), data.get("anonymous") === "on")) {
          form.reset();
        }
      }}
    >
      <fieldset class="choices choices--wrap" onChange={() => fieldFixed("scale", "question")}>
        <legend>{t("scale.choose")}</legend>
        {PRESETS.map((preset, index) => (
          <label class="choice" key={preset}>
            <input
              type="radio"
              name="preset"
              value={preset}
              defaultChecked={index === 0}
              data-testid={`scale-preset-${preset}`}
            />
            <span>{t(`scale.preset.${preset}`)}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t("scale.question")}</span>
        <input
          name="question"
          maxLength={200}
          data-testid="scale-question"
          {...fieldState("scale", "question", "scale-question-help")}
        />
        <small id="scale-question-help">{t("scale.questionHelp")}</small>
        <FieldError form="scale" field="question" />
      </label>
      <label class="field">
        <span>{t("scale.tiedTo")}</span>
        <input name="tied_to" maxLength={200} list="scale-tied-to" data-testid="scale-tied-to" />
        <datalist id="scale-tied-to">
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      </label>
      <label class="choice">
        <input type="checkbox" name="anonymous" defaultChecked data-testid="scale-anonymous" />
        <span>{t("scale.anonymous")}</span>
      </label>
      <Refusal form="scale" restore={(intent) => restore(intent, true)} />
      <button class="button button--primary" data-testid="scale-ask">
        {t("scale.ask")}
      </button>
    </form>
  );
}

/** A follow-up meeting opens with what the case's earlier meetings answered, question by
 * question, before anything is asked again. */
export function EarlierResults() {
  const questions = scaleHistory.value ?? [];
  if (questions.length === 0) return null;
  return (
    <div class="stack" data-testid="scale-earlier-results">
      {questions.map((history) => (
        <HistoryChart key={history.key} history={history} />
      ))}
    </div>
  );
}

export function HistoryFor({ scaleKey }: { scaleKey: string }) {
  const history = scaleHistory.value?.find((question) => question.key === scaleKey);
  if (!history) return null;
  return <HistoryChart history={history} />;
}
