/** The facilitator's part of the sikkerhedsplan: proposals to take in or remove, rules nobody
 * keeps flagged, every item editable or removable, last meeting's rules to review, and forms. */
import { t } from "../../i18n";
import { acceptSafety, deleteSafety, reviewRule } from "../../net/safety";
import type { RuleReview } from "../../schema.gen";
import {
  agreedContacts,
  agreedRules,
  agreedSigns,
  carriedRules,
  safetyProposals,
  unkeptRules,
} from "../../store/safety";
import {
  ContactBody,
  ContactForm,
  inSafetyPhase,
  ItemBody,
  RuleBody,
  RuleForm,
  SignBody,
  SignForm,
  word,
} from "./parts";
import "./safety.css";

const REVIEWS: readonly RuleReview[] = ["kept", "broken", "changed"];

function Remove({ id }: { id: string }) {
  return (
    <button
      type="button"
      class="button button--small"
      data-testid={`safety-remove-${id}`}
      onClick={() => deleteSafety(id)}
    >
      {t("safety.remove")}
    </button>
  );
}

export function SafetyPanel() {
  const proposals = safetyProposals();
  const unkept = unkeptRules();
  const carried = carriedRules();
  return (
    <details
      class="panel stack safety"
      open={inSafetyPhase()}
      data-testid="safety-panel"
    >
      <summary>
        <h2 class="safety__summary">{word("title")}</h2>
      </summary>
      {unkept.length > 0 && (
        <p class="safety-item__flag" role="status" data-testid="safety-unkept">
          {t("safety.unkept", { n: unkept.length })}
        </p>
      )}
      {proposals.length > 0 && (
        <section class="stack stack--small" aria-labelledby="safety-proposals">
          <h3 id="safety-proposals">{t("safety.proposals")}</h3>
          <ul class="safety-list">
            {proposals.map((item) => (
              <li
                key={item.id}
                class="safety-item safety-item--proposed"
                data-testid={`safety-proposal-${item.id}`}
              >
                <ItemBody item={item} />
                <div class="safety-item__actions">
                  <button
                    type="button"
                    class="button button--primary button--small"
                    data-testid={`safety-accept-${item.id}`}
                    onClick={() => acceptSafety(item.id)}
                  >
                    {t("safety.accept")}
                  </button>
                  <Remove id={item.id} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {carried.length > 0 && (
        <section class="stack stack--small" aria-labelledby="safety-carried">
          <h3 id="safety-carried">{t("safety.carried")}</h3>
          <ul class="safety-list">
            {carried.map((rule) => (
              <li
                key={rule.id}
                class={`safety-item safety-item--${rule.must ? "must" : "must-not"}`}
                data-testid={`safety-carried-${rule.id}`}
              >
                <RuleBody rule={rule} />
                <div
                  class="safety-item__actions"
                  role="group"
                  aria-label={t("safety.review")}
                >
                  {REVIEWS.map((review) => (
                    <button
                      key={review}
                      type="button"
                      class={`button button--small${rule.review === review ? " button--primary" : ""}`}
                      aria-pressed={rule.review === review}
                      data-testid={`safety-review-${rule.id}-${review}`}
                      onClick={() => reviewRule(rule.id, review)}
                    >
                      {t(`safety.review.${review}`)}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="stack stack--small" aria-labelledby="safety-rules">
        <h3 id="safety-rules">{t("safety.rules")}</h3>
        <ul class="safety-list">
          {agreedRules().map((rule) => (
            <li
              key={rule.id}
              class={`safety-item safety-item--${rule.must ? "must" : "must-not"}`}
              data-testid={`safety-rule-${rule.id}`}
            >
              <RuleBody rule={rule} />
              <details>
                <summary class="button button--small">
                  {t("safety.edit")}
                </summary>
                <RuleForm prefix={`edit-${rule.id}`} rule={rule} />
              </details>
              <Remove id={rule.id} />
            </li>
          ))}
        </ul>
        <RuleForm prefix="fac" />
      </section>
      <section class="stack stack--small" aria-labelledby="safety-signs">
        <h3 id="safety-signs">{word("signs")}</h3>
        <ul class="safety-list">
          {agreedSigns().map((sign) => (
            <li key={sign.id} class="safety-item">
              <SignBody sign={sign} />
              <Remove id={sign.id} />
            </li>
          ))}
        </ul>
        <SignForm prefix="fac" />
      </section>
      <section class="stack stack--small" aria-labelledby="safety-contacts">
        <h3 id="safety-contacts">{word("contacts")}</h3>
        <ul class="safety-list">
          {agreedContacts().map((contact) => (
            <li key={contact.id} class="safety-item">
              <ContactBody contact={contact} />
              <Remove id={contact.id} />
            </li>
          ))}
        </ul>
        <ContactForm prefix="fac" />
      </section>
    </details>
  );
}
