/** The facilitator's timer: start, more time, pause and stop. */
import { t } from "../../i18n";
import {
  extendTimer,
  pauseTimer,
  resumeTimer,
  startTimer,
  stopTimer,
} from "../../net/facilitation";
import { currentPhase, timer } from "../../store/facilitation";
import { TimerDisplay } from "../running";

const MINUTES = [1, 2, 3, 5, 10];

export function TimerPanel() {
  const current = timer.value;
  const running = current?.ends_at != null;
  const paused = current?.remaining != null;
  return (
    <section
      class="panel stack stack--small"
      aria-labelledby="timer-title"
      data-testid="timer-panel"
    >
      <h3 id="timer-title">{t("timer.title")}</h3>
      <TimerDisplay size="facilitator" />
      <div class="row">
        {MINUTES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            class="button button--small"
            data-testid={`timer-start-${minutes}`}
            onClick={() => startTimer(minutes * 60, currentPhase()?.title ?? "")}
          >
            {t("timer.minutes", { n: minutes })}
          </button>
        ))}
      </div>
      <div class="row">
        <button
          type="button"
          class="button button--small"
          disabled={!running && !paused}
          data-testid="timer-plus"
          onClick={() => extendTimer(60)}
        >
          {t("timer.plusOne")}
        </button>
        {paused ? (
          <button
            type="button"
            class="button button--small"
            data-testid="timer-resume"
            onClick={() => resumeTimer()}
          >
            {t("timer.resume")}
          </button>
        ) : (
          <button
            type="button"
            class="button button--small"
            disabled={!running}
            data-testid="timer-pause"
            onClick={() => pauseTimer()}
          >
            {t("timer.pause")}
          </button>
        )}
        <button
          type="button"
          class="button button--small"
          disabled={!running && !paused}
          data-testid="timer-stop"
          onClick={() => stopTimer()}
        >
          {t("timer.stop")}
        </button>
      </div>
    </section>
  );
}
