/** One control for what the room's screen shows. Each button keeps its label and says by
 * aria-pressed whether the screen shows it, so a screen reader hears the two agree. */
import { t, type MessageKey } from "../../i18n";
import { showOnScreen } from "../../net/genogram";
import { screenShows } from "../../store/genogram";
import { screenScale } from "../../store/scaling";

const CHOICES = ["board", "genogram", "network"] as const;

export function ScreenControl() {
  const shows = screenShows(screenScale());
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
      {shows === "scale" && (
        <span class="screen-control__now" data-testid="screen-shows-scale">
          {t("cockpit.screenScale")}
        </span>
      )}
      {CHOICES.map((what) => (
        <button
          key={what}
          type="button"
          class={`button button--small ${shows === what ? "button--primary" : ""}`}
          aria-pressed={shows === what}
          data-testid={`screen-show-${what}`}
          onClick={() => showOnScreen(what)}
        >
          {t(`geno.show.${what}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}
