/** The phone's agreements: the plan so far and proposals, the read-back, and after closing. */
import { t } from "../../i18n";
import { confirmAgreements, deleteAgreement } from "../../net/actions";
import { agreedList, proposalList } from "../../store/agreements";
import { me } from "../../store/connection";
import { confirmations, meeting } from "../../store/entities";
import { fields, text } from "../form";
import { AgreementBody, AgreementItems, Carried } from "./body";
import { AgreementForm } from "./form";
import { shownDate } from "./text";

function MyAnswer() {
  const mine = me.value?.participantId
    ? confirmations.value.get(me.value.participantId)
    : undefined;
  return (
    <div class="stack stack--small" aria-live="polite">
      {mine && (
        <p
          class="answered"
          data-testid="my-confirmation"
          data-state={mine.agrees ? "agrees" : "remark"}
        >
          {mine.agrees ? t("agr.youAgreed") : t("agr.youRemarked")}
        </p>
      )}
      <button
        type="button"
        class="button button--primary button--large"
        data-testid="confirm-agree"
        aria-pressed={mine?.agrees === true}
        onClick={() => confirmAgreements(true)}
      >
        {t("agr.agree")}
      </button>
      <details class="remark" open={mine?.agrees === false}>
        <summary class="button button--large" data-testid="confirm-remark">
          {t("agr.remark")}
        </summary>
        <form
          class="stack stack--small"
          onSubmit={(event) => {
            const data = fields(event);
            confirmAgreements(false, text(data, "comment"));
          }}
        >
          <label class="field">
            <span>{t("agr.remarkLabel")}</span>
            <textarea
              name="comment"
              class="textarea"
              rows={3}
              maxLength={300}
              required
              defaultValue={mine && !mine.agrees ? mine.comment : ""}
              data-testid="remark-input"
            />
          </label>
          <button class="button" data-testid="remark-send">
            {t("agr.remarkSend")}
          </button>
        </form>
      </details>
    </div>
  );
}

/** The phone during the read-back: the agreements, and "Jeg er enig" / "Jeg har en bemærkning". */
export function PhoneReadback() {
  return (
    <section
      class="panel stack phone-readback"
      aria-labelledby="readback-title"
      data-testid="phone-readback"
    >
      <h1 id="readback-title">{t("agr.title")}</h1>
      <p>{t("agr.readbackPhone")}</p>
      <AgreementItems list={agreedList()} />
      <MyAnswer />
    </section>
  );
}

/** The phone below the board: the agreements so far, own proposals, and the proposal form. */
export function PhoneAgreements() {
  const mine = me.value?.participantId;
  const proposals = proposalList().filter((a) => a.proposed_by === mine);
  const agreed = agreedList();
  return (
    <section class="panel stack" aria-labelledby="phone-agr-title" data-testid="phone-agreements">
      <h2 id="phone-agr-title">{t("agr.title")}</h2>
      <Carried editable={false} />
      {agreed.length === 0 ? (
        <p class="muted">{t("agr.none")}</p>
      ) : (
        <AgreementItems list={agreed} />
      )}
      {proposals.length > 0 && (
        <ul class="agreements">
          {proposals.map((agreement) => (
            <li
              key={agreement.id}
              class="agreement agreement--proposed"
              data-testid={`proposal-${agreement.id}`}
            >
              <AgreementBody agreement={agreement} />
              <p class="muted">{t("agr.waiting")}</p>
              <button
                type="button"
                class="button button--small"
                onClick={() => deleteAgreement(agreement.id)}
              >
                {t("agr.withdraw")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details class="propose">
        <summary class="button" data-testid="propose-open">
          {t("agr.propose")}
        </summary>
        <AgreementForm proposal />
      </details>
    </section>
  );
}

/** The phone after closing: the agreements and the next meeting. */
export function PhoneClosed() {
  const next = meeting.value?.next_meeting;
  return (
    <section class="stack" data-testid="phone-closed">
      <h1>{t("close.phoneTitle")}</h1>
      <p>{t("close.phoneText")}</p>
      <AgreementItems list={agreedList()} />
      <p data-testid="next-meeting">
        <strong>
          {next ? t("close.nextMeeting", { when: shownDate(next) }) : t("close.noNext")}
        </strong>
      </p>
    </section>
  );
}
