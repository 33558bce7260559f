/** What every view of the agreements shares: one agreement, a list, last meeting's to follow
 * up, and who has confirmed the read-back. */
import { t } from "../../i18n";
import { reviewAgreement } from "../../net/actions";
import type { Agreement, Review } from "../../schema.gen";
import { carriedList } from "../../store/agreements";
import { columnCards } from "../../store/board";
import { confirmations } from "../../store/entities";
import { fields, text } from "../form";
import { admittedPeople } from "../people";
import { whenText, whoText } from "./text";

const REVIEWS: readonly Review[] = ["done", "partly", "not_done"];

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
        <dt>{t("agr.whenLabel")}</dt>
        <dd data-testid="agreement-when-shown">{whenText(agreement)}</dd>
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


export function AgreementItems({ list }: { list: Agreement[] }) {
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

export function ConfirmationList() {
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
export function Carried({ editable }: { editable: boolean }) {
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
