/** The room's screen: the agreements, large, and who agrees. */
import { t } from "../../i18n";
import { agreedList } from "../../store/agreements";
import { meeting } from "../../store/entities";
import { AgreementItems, Carried, ConfirmationList } from "./body";
import { shownDate } from "./text";

/** The screen during the read-back and after closing: the agreements, large, and who agrees. */
export function ScreenAgreements() {
  const status = meeting.value?.status;
  const next = meeting.value?.next_meeting;
  return (
    <section class="screen-agreements" aria-labelledby="screen-agr" data-testid="screen-agreements">
      <h2 id="screen-agr" class="screen-agreements__title">
        {status === "closed" ? t("close.done") : t("agr.readbackOn")}
      </h2>
      <Carried editable={false} />
      <AgreementItems list={agreedList()} />
      {status === "closed" && next && (
        <p class="screen-agreements__next">{t("close.nextMeeting", { when: shownDate(next) })}</p>
      )}
      <ConfirmationList />
    </section>
  );
}
