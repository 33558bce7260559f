/** The facilitator's agreements: last meeting's to follow up, proposals from phones, the plan,
 * the form, the read-back and closing the meeting. */
import { t } from "../../i18n";
import {
  acceptAgreement,
  closeMeeting,
  deleteAgreement,
  startReadback,
  stopReadback,
} from "../../net/actions";
import { agreedList, proposalList } from "../../store/agreements";
import { meeting, participants } from "../../store/entities";
import { fields, text } from "../form";
import { AgreementBody, Carried, ConfirmationList } from "./body";
import { AgreementForm } from "./form";
import { shownDate } from "./text";
import { ask } from "../../store/dialog";

/** The facilitator's panel, below the board. */
export function AgreementsPanel({ meetingId }: { meetingId: string }) {
  const status = meeting.value?.status ?? "open";
  const agreed = agreedList();
  const proposals = proposalList();
  const open = status === "open";
  return (
    <section
      class="panel stack agreements-panel"
      aria-labelledby="agr-title"
      data-testid="agreements"
    >
      <h2 id="agr-title">{t("agr.title")}</h2>
      <Carried editable={status !== "closed"} />
      {proposals.length > 0 && (
        <section class="stack stack--small" aria-labelledby="proposals-title">
          <h3 id="proposals-title">{t("agr.proposals")}</h3>
          <ul class="agreements">
            {proposals.map((agreement) => (
              <li
                key={agreement.id}
                class="agreement agreement--proposed"
                data-testid={`proposal-${agreement.id}`}
              >
                <AgreementBody agreement={agreement} />
                <p class="muted">
                  {t("agr.proposedBy", {
                    name: participants.value.get(agreement.proposed_by)?.name ?? "",
                  })}
                </p>
                {open && (
                  <div class="row">
                    <button
                      type="button"
                      class="button button--primary button--small"
                      data-testid={`accept-${agreement.id}`}
                      onClick={() => acceptAgreement(agreement.id)}
                    >
                      {t("agr.accept")}
                    </button>
                    <button
                      type="button"
                      class="button button--small"
                      data-testid={`decline-${agreement.id}`}
                      onClick={() => deleteAgreement(agreement.id)}
                    >
                      {t("agr.decline")}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {agreed.length === 0 ? (
        <p class="muted">{t("agr.none")}</p>
      ) : (
        <ol class="agreements" data-testid="agreement-list">
          {agreed.map((agreement) => (
            <li key={agreement.id} class="agreement" data-testid={`agreement-${agreement.id}`}>
              <AgreementBody agreement={agreement} />
              {open && (
                <button
                  type="button"
                  class="button button--quiet button--small"
                  data-testid={`agreement-delete-${agreement.id}`}
                  onClick={() => {
                    ask(
                      t("agr.confirmDelete", { text: agreement.what }),
                      () => deleteAgreement(agreement.id),
                      "dialog.delete",
                    );
                  }}
                >
                  {t("agr.delete")}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {open && <AgreementForm proposal={false} />}
      {open && agreed.length > 0 && (
        <div class="stack stack--small">
          <button
            type="button"
            class="button button--primary button--large"
            data-testid="readback-start"
            onClick={() => startReadback()}
          >
            {t("agr.readback")}
          </button>
          <p class="muted">{t("agr.readbackHelp")}</p>
        </div>
      )}
      {status === "readback" && (
        <div class="stack readback" data-testid="readback">
          <h3>{t("agr.readbackOn")}</h3>
          <ConfirmationList />
          <button
            type="button"
            class="button"
            data-testid="readback-stop"
            onClick={() => stopReadback()}
          >
            {t("agr.readbackStop")}
          </button>
        </div>
      )}
      {status !== "closed" ? <CloseForm /> : <Closed meetingId={meetingId} />}
    </section>
  );
}

function CloseForm() {
  return (
    <form
      class="stack stack--small close-form"
      aria-labelledby="close-title"
      onSubmit={(event) => {
        const data = fields(event);
        const next = text(data, "next") || null;
        ask(t("close.confirm"), () => closeMeeting(next), "close.submit");
      }}
    >
      <h3 id="close-title">{t("close.title")}</h3>
      <label class="field">
        <span>{t("close.next")}</span>
        <input name="next" type="datetime-local" class="input" data-testid="close-next" />
      </label>
      <p class="muted">{t("close.help")}</p>
      <button class="button button--danger" data-testid="close-meeting">
        {t("close.submit")}
      </button>
    </form>
  );
}

function Closed({ meetingId }: { meetingId: string }) {
  const next = meeting.value?.next_meeting;
  return (
    <div class="stack stack--small closed" data-testid="meeting-closed" role="status">
      <p>
        <strong>{t("close.done")}</strong>
      </p>
      <p data-testid="next-meeting">
        {next ? t("close.nextMeeting", { when: shownDate(next) }) : t("close.noNext")}
      </p>
      <ConfirmationList />
      <a class="button button--primary" href={`/r/${meetingId}`} data-testid="referat-link">
        {t("close.referat")}
      </a>
    </div>
  );
}

