/** Agreements (hvem gør hvad): writing and proposing them, following up last meeting's,
 * the read-back with confirmations, and closing the meeting. */
import { locale, t } from "../i18n";
import {
  acceptAgreement,
  closeMeeting,
  confirmAgreements,
  deleteAgreement,
  reviewAgreement,
  startReadback,
  stopReadback,
  writeAgreement,
} from "../net/actions";
import type { Agreement, Review } from "../schema.gen";
import { agreedList, carriedList, proposalList } from "../store/agreements";
import { columnCards } from "../store/board";
import { me } from "../store/connection";
import { confirmations, meeting, participants } from "../store/entities";
import { fields, text } from "./form";
import { admittedPeople } from "./people";

const REVIEWS: readonly Review[] = ["done", "partly", "not_done"];

/** A date (YYYY-MM-DD) or local time (YYYY-MM-DDTHH:MM) as people read it. */
export function shownDate(value: string): string {
  const withTime = value.includes("T");
  const [date, time] = value.split("T");
  const [year, month, day] = date!.split("-").map(Number);
  const [hour, minute] = (time ?? "00:00").split(":").map(Number);
  const when = new Date(year!, month! - 1, day!, hour!, minute!);
  return when.toLocaleString(locale(), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}

export function whoText(agreement: Agreement): string {
  const names = (agreement.who_participants ?? [])
    .map((id) => participants.value.get(id)?.name)
    .filter((name): name is string => Boolean(name));
  names.push(...(agreement.who_names ?? []));
  if (agreement.who_municipality) names.push(t("agr.municipality"));
  return names.join(", ");
}

export function whenText(agreement: Agreement): string {
  return [agreement.when_date ? shownDate(agreement.when_date) : "", agreement.when_text]
    .filter(Boolean)
    .join(", ");
}

/** One agreement: what, who, when, and the note it belongs to. */
export function AgreementBody({ agreement }: { agreement: Agreement }) {
  const serves = agreement.serves
    ? columnCards("next").find((c) => c.id === agreement.serves)
    : null;
  return (
    <div class="agreement__body">
      <p class="agreement__what" data-testid="agreement-what-text">
        {agreement.what}
      </p>
      <dl class="agreement__facts">
        <dt>{t("agr.whoLabel")}</dt>
        <dd data-testid="agreement-who-text">{whoText(agreement)}</dd>
        {(agreement.when_date || agreement.when_text) && (
          <>
            <dt>{t("agr.whenLabel")}</dt>
            <dd>{whenText(agreement)}</dd>
          </>
        )}
        {serves && (
          <>
            <dt>{t("agr.servesLabel")}</dt>
            <dd>{serves.text}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** Write (facilitator) or propose (phone) an agreement. */
export function AgreementForm({ proposal }: { proposal: boolean }) {
  const people = admittedPeople().filter((p) => p.role !== "facilitator");
  const notes = (meeting.value?.columns.includes("next") ? columnCards("next") : []).filter(
    (card) => card.pending !== "add",
  );
  const prefix = proposal ? "propose" : "agreement";
  return (
    <form
      class="agreement-form stack stack--small"
      data-testid={`${prefix}-form`}
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        const sent = writeAgreement(
          {
            what: text(data, "what"),
            who_participants: data.getAll("who").map(String),
            who_names: text(data, "names")
              .split(",")
              .map((name) => name.trim())
              .filter(Boolean),
            who_municipality: data.get("municipality") === "on",
            when_date: text(data, "when_date") || null,
            when_text: text(data, "when_text"),
            serves: text(data, "serves") || null,
          },
          proposal,
        );
        if (sent) form.reset();
      }}
    >
      <label class="field">
        <span>{t("agr.what")}</span>
        <textarea
          name="what"
          class="textarea"
          rows={2}
          required
          maxLength={300}
          data-testid={`${prefix}-what`}
        />
      </label>
      <fieldset class="choices choices--wrap">
        <legend>{t("agr.who")}</legend>
        {people.map((person) => (
          <label class="choice" key={person.id}>
            <input
              type="checkbox"
              name="who"
              value={person.id}
              data-testid={`${prefix}-who-${person.id}`}
            />
            <span>
              {person.id === me.value?.participantId
                ? `${person.name} (${t("fac.you")})`
                : person.name}
            </span>
          </label>
        ))}
        <label class="choice">
          <input type="checkbox" name="municipality" data-testid={`${prefix}-municipality`} />
          <span>{t("agr.municipality")}</span>
        </label>
      </fieldset>
      <label class="field">
        <span>{t("agr.whoNames")}</span>
        <input name="names" class="input" maxLength={200} data-testid={`${prefix}-names`} />
      </label>
      <div class="row row--wrap">
        <label class="field">
          <span>{t("agr.whenDate")}</span>
          <input name="when_date" type="date" class="input" data-testid={`${prefix}-when-date`} />
        </label>
        <label class="field field--grow">
          <span>{t("agr.whenText")}</span>
          <input
            name="when_text"
            class="input"
            maxLength={80}
            data-testid={`${prefix}-when-text`}
          />
        </label>
      </div>
      {notes.length > 0 && (
        <label class="field">
          <span>{t("agr.serves")}</span>
          <select name="serves" class="input" data-testid={`${prefix}-serves`}>
            <option value="">{t("agr.servesNone")}</option>
            {notes.map((card) => (
              <option key={card.id} value={card.id}>
                {card.text.length > 60 ? `${card.text.slice(0, 60)}…` : card.text}
              </option>
            ))}
          </select>
        </label>
      )}
      {proposal && <p class="muted">{t("agr.proposeHelp")}</p>}
      <button class="button button--primary" data-testid={`${prefix}-submit`}>
        {proposal ? t("agr.proposeSend") : t("agr.write")}
      </button>
    </form>
  );
}

function ConfirmationList() {
  const people = admittedPeople().filter((p) => p.role !== "facilitator");
  const answered = people.filter((p) => confirmations.value.has(p.id)).length;
  return (
    <div class="stack stack--small" aria-live="polite">
      <p class="confirm-count" data-testid="confirm-count" data-count={answered}>
        {t("agr.confirmed", { count: answered, total: people.length })}
      </p>
      <ul class="confirmations">
        {people.map((person) => {
          const given = confirmations.value.get(person.id);
          const state = !given ? "waiting" : given.agrees ? "agrees" : "remark";
          return (
            <li
              key={person.id}
              class={`confirmation confirmation--${state}`}
              data-testid={`confirmation-${person.id}`}
              data-state={state}
            >
              <span class="confirmation__mark" aria-hidden="true">
                {state === "agrees" ? "✓" : state === "remark" ? "!" : "…"}
              </span>
              <span>
                <strong>{person.name}</strong> {t(`agr.state.${state}`)}
                {given && !given.agrees && (
                  <span class="confirmation__comment">: {given.comment}</span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ReviewForm({ agreement }: { agreement: Agreement }) {
  return (
    <form
      class="row row--wrap review"
      onSubmit={(event) => {
        const data = fields(event);
        const review = text(data, "review") as Review | "";
        if (review) reviewAgreement(agreement.id, review, text(data, "comment"));
      }}
    >
      <label class="field">
        <span>{t("agr.review")}</span>
        <select
          name="review"
          class="input"
          data-testid={`review-${agreement.id}`}
          value={agreement.review ?? ""}
        >
          <option value="">{t("agr.review.none")}</option>
          {REVIEWS.map((review) => (
            <option key={review} value={review}>
              {t(`agr.review.${review}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field field--grow">
        <span>{t("agr.reviewComment")}</span>
        <input
          name="comment"
          class="input"
          maxLength={300}
          defaultValue={agreement.review_comment}
          data-testid={`review-comment-${agreement.id}`}
        />
      </label>
      <button class="button" data-testid={`review-save-${agreement.id}`}>
        {t("agr.reviewSave")}
      </button>
    </form>
  );
}

/** Last meeting's open agreements: the facilitator marks each done / partly / not done. */
function Carried({ editable }: { editable: boolean }) {
  const carried = carriedList();
  if (carried.length === 0) return null;
  return (
    <section class="stack stack--small" aria-labelledby="carried-title" data-testid="carried">
      <h3 id="carried-title">{t("agr.carried")}</h3>
      {editable && <p class="muted">{t("agr.carriedHelp")}</p>}
      <ol class="agreements">
        {carried.map((agreement) => (
          <li
            key={agreement.id}
            class="agreement"
            data-testid={`carried-${agreement.id}`}
            data-review={agreement.review ?? ""}
          >
            <AgreementBody agreement={agreement} />
            {editable ? (
              <ReviewForm agreement={agreement} />
            ) : (
              <p>
                <strong>{t(`agr.review.${agreement.review ?? "none"}`)}</strong>
                {agreement.review_comment && ` – ${agreement.review_comment}`}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

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
                    if (confirm(t("agr.confirmDelete", { text: agreement.what }))) {
                      deleteAgreement(agreement.id);
                    }
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
        if (confirm(t("close.confirm"))) closeMeeting(text(data, "next") || null);
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

// -- phones

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

function AgreementItems({ list }: { list: Agreement[] }) {
  return (
    <ol class="agreements">
      {list.map((agreement) => (
        <li key={agreement.id} class="agreement" data-testid={`agreement-${agreement.id}`}>
          <AgreementBody agreement={agreement} />
        </li>
      ))}
    </ol>
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
