/** The room's screen in family time. The facilitator holds the screen's link, so the server
 * sends the screen nothing the family writes until the family shares its plan: the family
 * reads and writes on its own phones, and the screen says so (docs/security.md). */
import { t } from "../i18n";

export function ScreenFamilyTime() {
  return (
    <div
      class="screen-running__family"
      data-testid="screen-family"
      role="status"
    >
      <p class="screen-running__note">{t("family.title")}</p>
      <p class="screen-running__explain" data-testid="screen-family-explain">
        {t("family.screen")}
      </p>
    </div>
  );
}
