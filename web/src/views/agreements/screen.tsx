/** The room's screen: the agreements as they are written, last meeting's to follow up, the
 * read-back with who agrees, and the closing card. Sized to fit: nobody can scroll a projector. */
import { t } from "../../i18n";
import { agreedList, carriedList } from "../../store/agreements";
import { meeting } from "../../store/entities";
import { AgreementItems, Carried, ConfirmationList } from "./body";
import { shownDate } from "./text";

/** More than this many on the screen and the list goes into two columns, smaller. */
const MANY = 5;

/** In the agreements phase the plan takes shape on the screen as it is written; in the
 * read-back, who agrees is beside it. */
export function ScreenAgreements({ readback }: { readback: boolean }) {
  const list = agreedList();
  return (
    <section
      class={`screen-agreements ${list.length > MANY ? "screen-agreements--many" : ""}`}
      aria-labelledby="screen-agr"
      data-testid="screen-agreements"
      data-mode={readback ? "readback" : "writing"}
    >
      <h2 id="screen-agr" class="screen-agreements__title">
        {readback ? t("agr.readbackOn") : t("agr.title")}
      </h2>
      {list.length === 0 ? (
        <p class="muted">{t("agr.none")}</p>
      ) : (
        <AgreementItems list={list} />
      )}
      {readback && <ConfirmationList />}
    </section>
  );
}

/** A follow-up opens with last meeting's agreements: done, partly or not done. */
export function ScreenReview() {
  return (
    <section class="screen-agreements" data-testid="screen-review">
      {carriedList().length === 0 ? (
        <p class="muted">{t("agr.none")}</p>
      ) : (
        <Carried editable={false} />
      )}
    </section>
  );
}

/** After closing: thanks, the next meeting's date and the plan. No way in any more. */
export function ScreenClosing() {
  const next = meeting.value?.next_meeting;
  const list = agreedList();
  return (
    <section
      class={`screen-closing ${list.length > MANY ? "screen-agreements--many" : ""}`}
      aria-labelledby="screen-closing-title"
      data-testid="screen-closing"
    >
      <h2 id="screen-closing-title" class="screen-closing__thanks">
        {t("screen.thanks")}
      </h2>
      <p class="screen-closing__next" data-testid="screen-next-meeting">
        {next ? t("close.nextMeeting", { when: shownDate(next) }) : t("close.noNext")}
      </p>
      <AgreementItems list={list} />
    </section>
  );
}
