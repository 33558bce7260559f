/** Family time as the facilitator sees it: a clear waiting state, not a small line of text. */
import { t } from "../../i18n";
import { writing } from "../../store/facilitation";

export function FamilyWaiting() {
  if (!writing.value?.family) return null;
  return (
    <section
      class="family-waiting"
      role="status"
      aria-labelledby="family-waiting-title"
      data-testid="family-waiting"
    >
      <div class="lobby-wait__ring" aria-hidden="true" />
      <div class="stack stack--small">
        <h2 id="family-waiting-title">{t("cockpit.familyTitle")}</h2>
        <p>{t("cockpit.familyText")}</p>
      </div>
    </section>
  );
}
