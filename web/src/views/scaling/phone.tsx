/** The phone's scaling question: 0–10 as a radio group, smileys as five buttons, "spring over". */
import { dir, num, t } from "../../i18n";
import { castVote } from "../../net/scaling";
import type { Scale } from "../../schema.gen";
import { latestScale, myAnswer } from "../../store/scaling";
import {
  SMILEY_TEXT,
  points,
  valueText,
  Smiley,
  ScaleSpread,
  Anchors,
  FollowUpForm,
  worded,
} from "./parts";
import { ReadAloud } from "../read-aloud";

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

export interface ControlProps {
  scale: Scale;
  answer: number | null | undefined;
  disabled: boolean;
}

/** 0–10 as one radio group: arrows move and choose, as a native radio group does. */
export function NumberRadios({ scale, answer, disabled }: ControlProps) {
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

export function SmileyButtons({ scale, answer, disabled }: ControlProps) {
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
