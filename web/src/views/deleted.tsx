/** What an open page shows once its meeting is deleted: that it is, and nothing of it. */
import { t } from "../i18n";

export function Deleted() {
  return (
    <section class="stack deleted" data-testid="meeting-deleted" role="status">
      <h1>{t("deleted.title")}</h1>
      <p>{t("deleted.text")}</p>
    </section>
  );
}
