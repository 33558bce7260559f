/** What everyone sees of the meeting's running order: the phase, who has the word and who is
 * next, the timer, and the bekymringsgrundlag. Phone, screen and facilitator share these. */
import { useEffect, useRef, useState } from "preact/hooks";
import { clock, t, type MessageKey } from "../i18n";
import type { Phase } from "../schema.gen";
import { me } from "../store/connection";
import { participants } from "../store/entities";
import { agenda, concern, currentPhase, serverNow, timer, turns } from "../store/facilitation";
import { ReadAloud } from "./read-aloud";

export function phaseTitle(phase: Phase): string {
  if (phase.title) return phase.title;
  // De 3 huse calls the safety plan by the child's word for it.
  if (phase.kind === "safety" && agenda.value?.template === "three_houses") {
    return t("safety.child.title");
  }
  return t(`phase.${phase.kind}` as MessageKey);
}

export function nameOf(participantId: string | null | undefined): string {
  if (!participantId) return "";
  return participants.value.get(participantId)?.name ?? "";
}

export function PhaseBanner({ size }: { size: "phone" | "screen" }) {
  const phase = currentPhase();
  const list = agenda.value?.phases.filter((each) => !each.skipped) ?? [];
  if (!phase) return null;
  const index = list.findIndex((each) => each.id === phase.id);
  return (
    <div
      class={`phase-banner phase-banner--${size}`}
      data-testid="phase-banner"
      data-phase={phase.id}
      data-kind={phase.kind}
    >
      {index >= 0 && (
        <span class="phase-banner__step">
          {t("phase.of", { n: index + 1, total: list.length })}
        </span>
      )}
      <span class="phase-banner__title" aria-live="polite">
        {phaseTitle(phase)}
      </span>
      {size === "phone" && <ReadAloud id="phase" text={phaseTitle(phase)} label="speak.phase" />}
    </div>
  );
}

/** Who has the word and who is next; "Du har ordet" for the person who has it. A change of
 * speaker is spoken by the view's one announcer (views/announcer), not here: the banner can be
 * on a page twice (the phone's and the run panel's), and would be heard twice. */
export function SpeakerBanner({ size }: { size: "phone" | "screen" | "facilitator" }) {
  const current = turns.value;
  const self = me.value?.participantId ?? null;
  const speaker = current?.speaker ?? null;
  const following = current?.next ?? null;
  const mine = speaker !== null && speaker === self;
  const round = (current?.round ?? []).length > 0;
  // A phone shows nothing while nobody has the word and nobody is next.
  const idle = size === "phone" && !speaker && !following;
  const heading = speaker
    ? mine
      ? t("turns.youHaveWord")
      : t("turns.hasWord", { name: nameOf(speaker) })
    : t("turns.nobody");
  return (
    <section
      class={`speaker speaker--${size} ${mine ? "speaker--mine" : ""} ${idle ? "visually-hidden" : ""}`}
      data-testid="speaker"
      data-speaker={speaker ?? ""}
      data-next={following ?? ""}
      data-mine={mine ? "true" : "false"}
    >
      {round && (
        <p class="speaker__round">
          {current?.round_topic
            ? t("turns.inRound", { topic: current.round_topic })
            : t("turns.roundPlain")}
        </p>
      )}
      <p class="speaker__now" data-testid="speaker-now">
        {heading}
      </p>
      {following && (
        <p class="speaker__next" data-testid="speaker-next">
          {following === self
            ? t("turns.youAreNext")
            : t("turns.nextUp", { name: nameOf(following) })}
        </p>
      )}
    </section>
  );
}

/** Seconds left on the server's clock, re-read four times a second while a timer runs. */
function useSecondsLeft(): { left: number | null; paused: boolean } {
  const current = timer.value;
  const [, setTick] = useState(0);
  const running = current?.ends_at != null;
  useEffect(() => {
    if (!running) return;
    const every = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(every);
  }, [running]);
  if (current?.remaining != null) return { left: current.remaining, paused: true };
  if (current?.ends_at != null) return { left: current.ends_at - serverNow(), paused: false };
  return { left: null, paused: false };
}

/** A short double beep when the time is up (the room's screen). WebAudio needs no sound file. */
function beep(): void {
  const Context = window.AudioContext;
  if (!Context) return;
  try {
    const audio = new Context();
    void audio.resume();
    for (const start of [0, 0.35]) {
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.frequency.value = 880;
      volume.gain.value = 0.2;
      tone.connect(volume).connect(audio.destination);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.25);
    }
    setTimeout(() => void audio.close(), 1500);
  } catch {
    // no sound device: the screen still shows that the time is up
  }
}

export function TimerDisplay({ size, sound = false }: { size: string; sound?: boolean }) {
  const { left, paused } = useSecondsLeft();
  const over = left !== null && left <= 0 && !paused;
  const wasOver = useRef<boolean | null>(null);
  useEffect(() => {
    // Only a timer that runs out while shown beeps, not one found over on (re)load.
    if (sound && over && wasOver.current === false) beep();
    wasOver.current = over;
  }, [over, sound]);
  if (left === null) return null;
  const label = timer.value?.label;
  return (
    <div
      class={`timer timer--${size} ${over ? "timer--over" : ""}`}
      data-testid="timer"
      data-state={over ? "over" : paused ? "paused" : "running"}
      role="timer"
    >
      {label && <span class="timer__label">{label}</span>}
      <span class="timer__time">{over ? t("timer.over") : clock(left)}</span>
      {paused && <span class="timer__paused">{t("timer.paused")}</span>}
      <span class="visually-hidden" aria-live="polite">
        {over ? t("timer.over") : ""}
      </span>
    </div>
  );
}

const QUESTIONS = ["who", "what", "impact", "future"] as const;

/** The bekymringsgrundlag as written: large on the screen, readable on a phone. */
export function ConcernView({ size }: { size: "phone" | "screen" }) {
  const written = concern.value;
  const parts = [...QUESTIONS, "statement", "goals"] as const;
  const any = written && parts.some((part) => written[part]);
  return (
    <section
      class={`concern concern--${size}`}
      aria-labelledby={`concern-title-${size}`}
      data-testid="concern"
    >
      <h2 id={`concern-title-${size}`}>{t("concern.title")}</h2>
      {!any ? (
        <p class="muted">{t("concern.empty")}</p>
      ) : (
        <>
          <dl class="concern__questions">
            {QUESTIONS.filter((part) => written[part]).map((part) => (
              <div key={part} class="concern__item">
                <dt>{t(`concern.${part}`)}</dt>
                <dd data-testid={`concern-${part}`}>{written[part]}</dd>
              </div>
            ))}
          </dl>
          {written.statement && (
            <div class="concern__statement">
              <h3>{t("concern.statement")}</h3>
              <p data-testid="concern-statement">{written.statement}</p>
            </div>
          )}
          {written.goals && (
            <div class="concern__goals">
              <h3>{t("concern.goals")}</h3>
              <p data-testid="concern-goals">{written.goals}</p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
