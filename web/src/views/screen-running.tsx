/** The room's screen: the phase, who has the word and who is next, and the timer, large enough
 * to read from the back of the room; the timer beeps when the time is up. */
import { t } from "../i18n";
import { writing } from "../store/facilitation";
import { PhaseBanner, SpeakerBanner, TimerDisplay } from "./running";
import { ScreenFamilyTime } from "./screen-family";

export function ScreenRunning() {
  const now = writing.value;
  return (
    <div class="screen-running" data-testid="screen-running">
      <PhaseBanner size="screen" />
      <SpeakerBanner size="screen" />
      <TimerDisplay size="screen" sound />
      {now?.private && (
        <p class="screen-running__note" data-testid="screen-private">
          {t("writing.active")}
        </p>
      )}
      {now?.family && <ScreenFamilyTime />}
    </div>
  );
}
