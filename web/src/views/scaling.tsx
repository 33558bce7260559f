/** Scaling questions: asking and running them (facilitator), answering (phone: 0–10 as a radio
 * group, smileys as five buttons, "spring over"), the count and the spread (screen), the
 * follow-up notes, and the same question's history across the case's meetings. */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { dir, lang, num, t, type MessageKey } from "../i18n";
import { NOTE_MAX } from "../limits";
import type { ScaleHistory } from "../net/api";
import {
  addScaleNote,
  askScale,
  castVote,
  closeScale,
  deleteScale,
  loadScaleHistory,
  revealScale,
  showScale,
} from "../net/scaling";
import type { FollowUp, Scale, ScaleKind, ScaleNote, ScalePreset } from "../schema.gen";
import { columnCards } from "../store/board";
import { meeting, participants } from "../store/entities";
import {
  latestScale,
  myAnswer,
  notesOf,
  scaleHistory,
  scaleList,
  shownNumber,
  stacked,
  voterCount,
} from "../store/scaling";
import { dateLabels, dayOf, dayPositions, dayText } from "../layout/history";
import { fields, text } from "./form";
import { ReadAloud } from "./read-aloud";

const PRESETS: readonly ScalePreset[] = ["safety", "worry", "plan", "mood", "custom"];
const FOLLOW_UPS: readonly FollowUp[] = ["why_not_lower", "one_step_up"];
const FOLLOW_UP_TEXT: Record<FollowUp, MessageKey> = {
  why_not_lower: "scale.whyNotLower",
  one_step_up: "scale.oneStepUp",
};
const SMILEY_TEXT: readonly MessageKey[] = [
  "scale.smiley1",
  "scale.smiley2",
  "scale.smiley3",
  "scale.smiley4",
  "scale.smiley5",
];

function points(kind: ScaleKind): number[] {
  return kind === "smileys" ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
}

/** A value as words for a screen reader: the number, or the smiley's name. */
function valueText(kind: ScaleKind, value: number): string {
  return kind === "smileys" ? t(SMILEY_TEXT[value - 1]!) : num(value);
}

/** A preset question and its anchors in the shown language; an own question as written. The
 * screen and the facilitator show Danish, which is what the server wrote. */
function worded(scale: Scale): { question: string; low: string; high: string } {
  if (scale.preset === "custom") {
    return { question: scale.question, low: scale.low, high: scale.high };
  }
  const key = `scale.q.${scale.preset}` as const;
  return { question: t(key), low: t(`${key}.low`), high: t(`${key}.high`) };
}

function medianText(scale: { median?: number | null | undefined }): string {
  return scale.median == null ? "–" : shownNumber(scale.median, lang.value);
}

/** A face from very sad (1) to very happy (5), drawn so it looks the same on every device. */
export function Smiley({ value, x = 0, y = 0, size = 48 }: SmileyProps) {
  const r = size / 2;
  const bend = (value - 3) * (r * 0.26);
  const mouthY = y + r * 0.38;
  return (
    <g class={`smiley smiley--${value}`} aria-hidden="true">
      <circle cx={x} cy={y} r={r - 2} class="smiley__face" />
      <circle cx={x - r * 0.34} cy={y - r * 0.2} r={r * 0.1} class="smiley__eye" />
      <circle cx={x + r * 0.34} cy={y - r * 0.2} r={r * 0.1} class="smiley__eye" />
      <path
        d={`M ${x - r * 0.42} ${mouthY - bend / 2} Q ${x} ${mouthY + bend} ${x + r * 0.42} ${mouthY - bend / 2}`}
        class="smiley__mouth"
      />
    </g>
  );
}

interface SmileyProps {
  value: number;
  x?: number;
  y?: number;
  size?: number;
}

// -- the count and the spread ------------------------------------------------------------------

export function ScaleCount({ scale }: { scale: Scale }) {
  const answered = scale.answered ?? 0;
  const skipped = scale.skipped ?? 0;
  const total = Math.max(voterCount(participants.value), answered);
  return (
    <p class="scale-count" role="status" aria-live="polite" data-testid="scale-count">
      <span data-testid="scale-answered" data-count={answered} data-total={total}>
        {t("scale.answered", { count: answered, total })}
      </span>
      {skipped > 0 && <span class="muted"> · {t("scale.skipped", { count: skipped })}</span>}
    </p>
  );
}

/** Every vote as a dot over the scale (equal votes stacked), the median marked. */
export function ScaleSpread({ scale, large = false }: { scale: Scale; large?: boolean }) {
  const values = (scale.results ?? []).map((result) => result.value);
  const steps = points(scale.kind);
  // Narrower on a phone, so the numbers keep a readable size when the drawing is scaled down.
  const width = large ? 1000 : 560;
  const left = 40;
  const right = width - 40;
  const dot = large ? 20 : 16;
  const tallest = Math.max(1, ...stacked(values).map((d) => d.level + 1));
  const axis = 70 + tallest * dot * 2.2;
  const height = axis + (scale.kind === "smileys" ? 90 : 60);
  // 0 stands where the language starts reading: on the right in Arabic, Farsi and Urdu.
  const flip = dir() === "rtl";
  const x = (value: number): number => {
    const along = left + ((value - steps[0]!) / (steps.at(-1)! - steps[0]!)) * (right - left);
    return flip ? width - along : along;
  };
  const names = (scale.results ?? []).map((result) =>
    result.participant ? participants.value.get(result.participant)?.name : undefined,
  );
  const label = t("scale.spreadLabel", {
    values: values.map((v) => valueText(scale.kind, v)).join(", ") || t("scale.noAnswers"),
    median: medianText(scale),
  });
  return (
    <figure class={`spread${large ? " spread--large" : ""}`} data-testid="scale-spread">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} class="spread__svg">
        <line x1={left} y1={axis} x2={right} y2={axis} class="spread__axis" />
        {steps.map((step) => (
          <g key={step}>
            <line x1={x(step)} y1={axis - 8} x2={x(step)} y2={axis + 8} class="spread__tick" />
            {scale.kind === "smileys" ? (
              <Smiley value={step} x={x(step)} y={axis + 45} size={56} />
            ) : (
              <text x={x(step)} y={axis + 42} class="spread__number" text-anchor="middle">
                {num(step)}
              </text>
            )}
          </g>
        ))}
        {scale.median != null && (
          <g data-testid="scale-median" data-median={scale.median}>
            <line
              x1={x(scale.median)}
              y1={34}
              x2={x(scale.median)}
              y2={axis}
              class="spread__median"
            />
            <text x={x(scale.median)} y={26} class="spread__median-label" text-anchor="middle">
              {t("scale.median", { value: medianText(scale) })}
            </text>
          </g>
        )}
        {stacked(values).map(({ value, level }, index) => (
          <circle
            key={index}
            cx={x(value)}
            cy={axis - dot - 4 - level * dot * 2.2}
            r={dot}
            class="spread__dot"
            data-testid="scale-dot"
            data-value={value}
          >
            {names[index] && <title>{`${names[index]}: ${valueText(scale.kind, value)}`}</title>}
          </circle>
        ))}
      </svg>
      {names.some(Boolean) && (
        <figcaption class="spread__names">
          {(scale.results ?? []).map((result, index) => (
            <span key={index}>
              {names[index] ?? "?"}: {valueText(scale.kind, result.value)}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

function Anchors({ scale }: { scale: Scale }) {
  const [low, high] = [points(scale.kind)[0]!, points(scale.kind).at(-1)!];
  return (
    <dl class="anchors" data-testid="scale-anchors">
      <div>
        <dt>{scale.kind === "smileys" ? t("scale.smiley1") : num(low)}</dt>
        <dd>{worded(scale).low}</dd>
      </div>
      <div>
        <dt>{scale.kind === "smileys" ? t("scale.smiley5") : num(high)}</dt>
        <dd>{worded(scale).high}</dd>
      </div>
    </dl>
  );
}

/** The notes on the follow-up questions. On the room's screen (`fitted`) each question shows
 * its newest notes that fit the card, each at most three lines, and counts the rest. */
function FollowUpNotes({ scale, fitted = false }: { scale: Scale; fitted?: boolean }) {
  return (
    <div class="follow-ups">
      {FOLLOW_UPS.map((followUp) => {
        const notes = notesOf(scale.id, followUp);
        return (
          <section
            key={followUp}
            class="follow-up"
            data-testid={`follow-up-${followUp}`}
            data-count={notes.length}
          >
            <h3>{t(FOLLOW_UP_TEXT[followUp])}</h3>
            {notes.length === 0 ? (
              <p class="muted">{t("scale.noNotes")}</p>
            ) : fitted ? (
              <FittedNotes notes={notes} />
            ) : (
              <ul>
                {notes.map((note) => (
                  <li key={note.id} data-testid="follow-up-note">
                    {note.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** As many of the newest notes as the list's height holds, the older ones counted above them.
 * Starts from all of them whenever the notes or the room change, and leaves out the oldest one
 * at a time while the list overflows: each step is measured before the screen is painted. */
function FittedNotes({ notes }: { notes: readonly ScaleNote[] }) {
  const list = useRef<HTMLUListElement>(null);
  const [room, setRoom] = useState({ width: 0, height: 0 });
  const [fit, setFit] = useState({ key: "", count: 0 });
  const key = `${room.width}x${room.height}:${notes.map((note) => note.id).join(",")}`;
  const count = fit.key === key ? fit.count : notes.length;
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    if (element.scrollHeight > element.clientHeight + 1 && count > 0) {
      setFit({ key, count: count - 1 });
    } else if (fit.key !== key) {
      setFit({ key, count });
    }
  });
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const watch = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setRoom({ width: Math.round(width), height: Math.round(height) });
    });
    watch.observe(element);
    return () => watch.disconnect();
  }, []);
  const rest = notes.length - count;
  return (
    <ul ref={list} class="follow-up__fitted">
      {rest > 0 && (
        <li class="follow-up__more" data-testid="follow-up-more" data-count={rest}>
          {t("scale.moreNotes", { count: rest })}
        </li>
      )}
      {notes.slice(rest).map((note) => (
        <li key={note.id} data-testid="follow-up-note">
          <span class="follow-up__text">{note.text}</span>
        </li>
      ))}
    </ul>
  );
}

function FollowUpForm({ scale, prefix }: { scale: Scale; prefix: string }) {
  return (
    <div class="stack stack--small">
      {FOLLOW_UPS.map((followUp) => (
        <form
          key={followUp}
          class="stack stack--small"
          data-testid={`${prefix}-note-${followUp}`}
          onSubmit={(event) => {
            const form = event.currentTarget;
            if (addScaleNote(scale.id, followUp, text(fields(event), "text"))) form.reset();
          }}
        >
          <label class="field">
            <span>{t(FOLLOW_UP_TEXT[followUp])}</span>
            <textarea
              name="text"
              class="textarea"
              rows={2}
              maxLength={NOTE_MAX}
              placeholder={t("scale.notePlaceholder")}
            />
          </label>
          <button class="button button--small">{t("scale.addNote")}</button>
        </form>
      ))}
    </div>
  );
}

// -- the phone ---------------------------------------------------------------------------------

/** The newest question on the phone: a big control, changeable until the facilitator closes. */
export function PhoneScale() {
  const scale = latestScale();
  // A revealed question stays on the phone while the screen shows it, for the follow-up notes.
  if (!scale || (scale.status === "revealed" && !(scale.on_screen ?? true))) return null;
  const answer = myAnswer(scale.id);
  const open = scale.status === "open";
  const words = worded(scale);
  return (
    <section
      class="panel stack phone-scale"
      aria-labelledby="phone-scale-question"
      data-testid="phone-scale"
      data-status={scale.status}
    >
      <p class="phone-scale__kicker">{t("scale.heading")}</p>
      <div class="phone-scale__head">
        <h2 id="phone-scale-question">{words.question}</h2>
        <ReadAloud
          id={`scale-${scale.id}`}
          text={
            scale.kind === "number"
              ? `${words.question} ${num(0)}: ${words.low}. ${num(10)}: ${words.high}.`
              : words.question
          }
          label="speak.scale"
        />
      </div>
      {scale.tied_to && <p class="muted">{t("scale.tiedShown", { text: scale.tied_to })}</p>}
      <p class="muted">{scale.anonymous ? t("scale.anonymousNote") : t("scale.namedNote")}</p>
      {scale.kind === "number" && <Anchors scale={scale} />}
      {scale.kind === "smileys" ? (
        <SmileyButtons scale={scale} answer={answer} disabled={!open} />
      ) : (
        <NumberRadios scale={scale} answer={answer} disabled={!open} />
      )}
      <p
        class="phone-scale__state"
        role="status"
        aria-live="polite"
        data-testid="phone-scale-state"
      >
        {answer === null
          ? t("scale.skippedMine")
          : answer !== undefined
            ? t("scale.yourAnswer", { value: valueText(scale.kind, answer) })
            : ""}{" "}
        {open ? t("scale.changeable") : t("scale.closedPhone")}
      </p>
      {open && (
        <button
          type="button"
          class="button button--large"
          aria-pressed={answer === null}
          data-testid="scale-skip"
          onClick={() => castVote(scale.id, null)}
        >
          {t("scale.skip")}
        </button>
      )}
      {scale.status === "revealed" && (
        <>
          <ScaleSpread scale={scale} />
          <FollowUpForm scale={scale} prefix="phone" />
        </>
      )}
    </section>
  );
}

interface ControlProps {
  scale: Scale;
  answer: number | null | undefined;
  disabled: boolean;
}

/** 0–10 as one radio group: arrows move and choose, as a native radio group does. */
function NumberRadios({ scale, answer, disabled }: ControlProps) {
  const steps = points(scale.kind);
  const focusable = typeof answer === "number" ? answer : steps[0]!;
  const go = (value: number): void => {
    const next = Math.min(steps.at(-1)!, Math.max(steps[0]!, value));
    castVote(scale.id, next);
    document.getElementById(`scale-option-${next}`)?.focus();
  };
  return (
    <div
      role="radiogroup"
      aria-labelledby="phone-scale-question"
      aria-disabled={disabled}
      class="scale-radios"
      data-testid="scale-radios"
    >
      {steps.map((value) => (
        <button
          key={value}
          id={`scale-option-${value}`}
          type="button"
          role="radio"
          aria-checked={answer === value}
          tabIndex={value === focusable ? 0 : -1}
          disabled={disabled}
          class="scale-radio"
          data-testid={`scale-option-${value}`}
          onClick={() => castVote(scale.id, value)}
          onKeyDown={(event) => {
            // the scale runs the language's way, and so do the arrows along it
            const rtl = dir() === "rtl";
            const [onward, back] = rtl ? ["ArrowLeft", "ArrowRight"] : ["ArrowRight", "ArrowLeft"];
            if (event.key === onward || event.key === "ArrowUp") go(value + 1);
            else if (event.key === back || event.key === "ArrowDown") go(value - 1);
            else if (event.key === "Home") go(steps[0]!);
            else if (event.key === "End") go(steps.at(-1)!);
            else return;
            event.preventDefault();
          }}
        >
          {num(value)}
        </button>
      ))}
    </div>
  );
}

function SmileyButtons({ scale, answer, disabled }: ControlProps) {
  return (
    <div class="smileys" role="group" aria-labelledby="phone-scale-question">
      {points(scale.kind).map((value) => (
        <button
          key={value}
          type="button"
          class="smiley-button"
          aria-pressed={answer === value}
          aria-label={t(SMILEY_TEXT[value - 1]!)}
          disabled={disabled}
          data-testid={`scale-option-${value}`}
          onClick={() => castVote(scale.id, value)}
        >
          <svg viewBox="-30 -30 60 60" class="smiley-button__svg" aria-hidden="true">
            <Smiley value={value} size={58} />
          </svg>
        </button>
      ))}
    </div>
  );
}

// -- the screen --------------------------------------------------------------------------------

/** On the room's screen instead of the board: the question and the count, then the spread. */
export function ScreenScale({ scale }: { scale: Scale }) {
  return (
    <section
      class={`screen-scale${scale.status === "revealed" ? " screen-scale--revealed" : ""}`}
      aria-labelledby="screen-scale-question"
      data-testid="screen-scale"
    >
      <h2 id="screen-scale-question" class="screen-scale__question">
        {scale.question}
      </h2>
      {scale.tied_to && (
        <p class="screen-scale__tied">{t("scale.tiedShown", { text: scale.tied_to })}</p>
      )}
      {scale.kind === "number" && <Anchors scale={scale} />}
      <ScaleCount scale={scale} />
      {scale.status === "revealed" ? (
        <>
          <ScaleSpread scale={scale} large />
          <FollowUpNotes scale={scale} fitted />
        </>
      ) : (
        <p class="screen-scale__wait">
          {scale.status === "open" ? t("scale.status.open") : t("scale.status.closed")}
        </p>
      )}
    </section>
  );
}

// -- the facilitator ---------------------------------------------------------------------------

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
function RunningScale({ scale, frozen }: { scale: Scale; frozen: boolean }) {
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
              if (confirm(t("scale.confirmDelete"))) deleteScale(scale.id);
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

function AskForm() {
  const suggestions = [...columnCards("worries"), ...columnCards("next")].map((card) => card.text);
  return (
    <form
      class="stack stack--small"
      data-testid="scale-form"
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        const preset = (text(data, "preset") || "safety") as ScalePreset;
        const asked = askScale(
          preset,
          text(data, "question"),
          text(data, "tied_to"),
          data.get("anonymous") === "on",
        );
        if (asked) form.reset();
      }}
    >
      <fieldset class="choices choices--wrap">
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
        <input name="question" maxLength={200} data-testid="scale-question" />
        <small>{t("scale.questionHelp")}</small>
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
      <button class="button button--primary" data-testid="scale-ask">
        {t("scale.ask")}
      </button>
    </form>
  );
}

/** A follow-up meeting opens with what the case's earlier meetings answered, question by
 * question, before anything is asked again. */
function EarlierResults() {
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

function HistoryFor({ scaleKey }: { scaleKey: string }) {
  const history = scaleHistory.value?.find((question) => question.key === scaleKey);
  if (!history) return null;
  return <HistoryChart history={history} />;
}

// -- the history across meetings ---------------------------------------------------------------

/** The room a written date needs under the chart, in the chart's units (15 px text). */
const DATE_ROOM = 96;
/** The least distance between two meetings' points: a cluster of dots is 34 units wide. */
const POINT_GAP = 40;
/** A cluster of dots reaches 17 units either side of its meeting's x. */
const INSET = 20;

/** A vote's dot beside its meeting's x: up to five side by side, centred on it. */
function dotOffset(dot: number, count: number): number {
  return ((dot % 5) - (Math.min(count, 5) - 1) / 2) * 6;
}

/** One question across the case's meetings, each placed by its date: the votes as dots, the
 * medians joined, the dates (dd.mm.yyyy) under them where they have room. */
export function HistoryChart({ history }: { history: ScaleHistory }) {
  const steps = points(history.kind);
  const [low, high] = [steps[0]!, steps.at(-1)!];
  const width = 640;
  const height = 300;
  const top = 20;
  const bottom = height - 50;
  const left = 80;
  const right = width - 56;
  const count = history.points.length;
  // Inset from the grid's ends, so the outer meetings' dots stay clear of the value labels.
  const xs = dayPositions(
    history.points.map((point) => dayOf(point.at)),
    left + INSET,
    right - INSET,
    POINT_GAP,
  );
  const x = (index: number): number => xs[index]!;
  const dates = history.points.map((point) => dayText(point.at, lang.value));
  const y = (value: number): number => bottom - ((value - low) / (high - low)) * (bottom - top);
  const medians = history.points
    .map((point, index) => (point.median == null ? null : `${x(index)},${y(point.median)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <figure
      class="history"
      data-testid={`scale-history-${history.key}`}
      data-points={count}
      aria-labelledby={`history-${history.key}`}
    >
      <figcaption id={`history-${history.key}`} class="history__title">
        {t("scale.history")}: {history.question}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} class="history__svg" aria-hidden="true">
        {steps
          .filter((step) => history.kind === "smileys" || step % 2 === 0)
          .map((step) => (
            <g key={step}>
              <line x1={left} y1={y(step)} x2={right} y2={y(step)} class="history__grid" />
              <text x={left - 12} y={y(step) + 5} class="history__label" text-anchor="end">
                {step}
              </text>
            </g>
          ))}
        <polyline points={medians} class="history__line" />
        {dateLabels(xs, dates, DATE_ROOM).map((label) => (
          <text
            key={`${label.text}-${label.x}`}
            x={label.x}
            y={height - 18}
            class="history__label"
            text-anchor="middle"
            data-testid="history-date"
          >
            {label.text}
          </text>
        ))}
        {history.points.map((point, index) => (
          <g
            key={`${point.meeting_id}-${index}`}
            data-testid="history-point"
            data-x={Math.round(x(index))}
          >
            {point.values.map((value, dot) => (
              <circle
                key={dot}
                cx={x(index) + dotOffset(dot, point.values.length)}
                cy={y(value)}
                r={5}
                class="history__dot"
              />
            ))}
            {point.median != null && (
              <rect
                x={x(index) - 9}
                y={y(point.median) - 9}
                width={18}
                height={18}
                transform={`rotate(45 ${x(index)} ${y(point.median)})`}
                class="history__median"
              />
            )}
          </g>
        ))}
      </svg>
      <ol class="history__list">
        {history.points.map((point, index) => (
          <li key={`${point.meeting_id}-${index}`} data-testid="history-entry">
            {t("scale.historyPoint", {
              title: point.title,
              date: dates[index]!,
              median: medianText(point),
              count: point.values.length,
            })}
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** Every scaling question of a case, each as its chart: for the case page. */
export function CaseScaling({ caseId }: { caseId: string }) {
  useEffect(() => {
    scaleHistory.value = null;
    void loadScaleHistory(caseId);
  }, [caseId]);
  const questions = scaleHistory.value;
  return (
    <section class="panel stack" aria-labelledby="case-scaling" data-testid="case-scaling">
      <h2 id="case-scaling">{t("scale.caseHeading")}</h2>
      {questions && questions.length === 0 && <p class="muted">{t("scale.historyEmpty")}</p>}
      {questions?.map((history) => (
        <HistoryChart key={history.key} history={history} />
      ))}
    </section>
  );
}
