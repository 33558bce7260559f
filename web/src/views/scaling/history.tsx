/** The same question across the case's meetings, as a chart; and every question of a case. */
import { useEffect } from "preact/hooks";
import { lang, t } from "../../i18n";
import type { ScaleHistory } from "../../net/api";
import { loadScaleHistory } from "../../net/scaling";
import { scaleHistory } from "../../store/scaling";
import { dateLabels, dayOf, dayPositions, dayText } from "../../layout/history";
import { points, medianText } from "./parts";

/** The room a written date needs under the chart, in the chart's units (15 px text). */
export const DATE_ROOM = 96;
/** The least distance between two meetings' points: a cluster of dots is 34 units wide. */
export const POINT_GAP = 40;
/** A cluster of dots reaches 17 units either side of its meeting's x. */
export const INSET = 20;

/** A vote's dot beside its meeting's x: up to five side by side, centred on it. */
export function dotOffset(dot: number, count: number): number {
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
