/** What the scaling views share: values and smileys, the count, the spread, the anchors and
 * the follow-up notes with their form. */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { dir, lang, num, t, type MessageKey } from "../../i18n";
import { NOTE_MAX } from "../../schema.gen";
import { addScaleNote } from "../../net/scaling";
import type { FollowUp, Scale, ScaleKind, ScaleNote, ScalePreset } from "../../schema.gen";
import { participants } from "../../store/entities";
import { notesOf, shownNumber, stacked, voterCount } from "../../store/scaling";
import { fields, text } from "../form";

export const PRESETS: readonly ScalePreset[] = ["safety", "worry", "plan", "mood", "custom"];
export const FOLLOW_UPS: readonly FollowUp[] = ["why_not_lower", "one_step_up"];
export const FOLLOW_UP_TEXT: Record<FollowUp, MessageKey> = {
  why_not_lower: "scale.whyNotLower",
  one_step_up: "scale.oneStepUp",
};
export const SMILEY_TEXT: readonly MessageKey[] = [
  "scale.smiley1",
  "scale.smiley2",
  "scale.smiley3",
  "scale.smiley4",
  "scale.smiley5",
];

export function points(kind: ScaleKind): number[] {
  return kind === "smileys" ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
}

/** A value as words for a screen reader: the number, or the smiley's name. */
export function valueText(kind: ScaleKind, value: number): string {
  return kind === "smileys" ? t(SMILEY_TEXT[value - 1]!) : num(value);
}

/** A preset question and its anchors in the shown language; an own question as written. The
 * screen and the facilitator show Danish, which is what the server wrote. */
export function worded(scale: Scale): { question: string; low: string; high: string } {
  if (scale.preset === "custom") {
    return { question: scale.question, low: scale.low, high: scale.high };
  }
  const key = `scale.q.${scale.preset}` as const;
  return { question: t(key), low: t(`${key}.low`), high: t(`${key}.high`) };
}

export function medianText(scale: { median?: number | null | undefined }): string {
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

export interface SmileyProps {
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

export function Anchors({ scale }: { scale: Scale }) {
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
export function FollowUpNotes({ scale, fitted = false }: { scale: Scale; fitted?: boolean }) {
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
export function FittedNotes({ notes }: { notes: readonly ScaleNote[] }) {
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

export function FollowUpForm({ scale, prefix }: { scale: Scale; prefix: string }) {
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
