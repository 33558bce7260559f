/** One control for what the room's screen shows. Each button keeps its label and says by
 * aria-pressed whether the screen shows it, so a screen reader hears the two agree. */
import { t, type MessageKey } from "../../i18n";
import type { Screen } from "../../schema.gen";
import { showOnScreen } from "../../net/genogram";
import { useEffect } from "preact/hooks";
import { agenda, currentPhase } from "../../store/facilitation";
import { screenShows, screenView } from "../../store/genogram";
import { screenScale } from "../../store/scaling";
import { noteScaleSeen, pressedChoice, scaleOnScreen } from "../../store/screen";

const CHOICES: readonly Screen[] = [
  "board",
  "scale",
  "genogram",
  "network",
  "agreements",
  "safety",
];
const LABELS: Record<Screen, MessageKey> = {
  board: "geno.show.board",
  scale: "cockpit.screenScale",
  genogram: "geno.show.genogram",
  network: "geno.show.network",
  agreements: "cockpit.screenAgreements",
  safety: "safety.title",
};

export function ScreenControl() {
  const scale = screenScale();
  const phaseId = agenda.value?.current ?? null;
  // Noted as the screen notes it, so a scale steps back here when it does there.
  useEffect(() => {
    if (scale) noteScaleSeen(scale.id, phaseId);
  }, [scale?.id, phaseId]);
  const scaleShown = scale
    ? scaleOnScreen(scale.id, screenView.value?.shows, phaseId, currentPhase()?.kind)
    : false;
  const shows = pressedChoice(screenShows(scale), scaleShown);
  // The scale is the newest question's: there is none to show before one is asked.
  const choices = CHOICES.filter((what) => what !== "scale" || scale);
  return (
    <div
      class="screen-control"
      role="group"
      aria-labelledby="screen-control-label"
      data-testid="screen-control"
      data-shows={shows}
    >
      <span id="screen-control-label" class="screen-control__label">
        {t("geno.onScreen")}
      </span>
      {choices.map((what) => (
        <button
          key={what}
          type="button"
          class={`button button--small ${shows === what ? "button--primary" : ""}`}
          aria-pressed={shows === what}
          data-testid={`screen-show-${what}`}
          onClick={() => showOnScreen(what)}
        >
          {t(LABELS[what])}
        </button>
      ))}
    </div>
  );
}
