/** The facilitator's part of the sikkerhedsplan, a cockpit tab of its own: proposals to take
 * in or remove, rules nobody keeps flagged, last meeting's rules to review, and the rules, the
 * warning signs and whom to call side by side, each editable and removable, each with its form. */
import { t } from "../../i18n";
import { acceptSafety, reviewRule } from "../../net/safety";
import type { RuleReview } from "../../schema.gen";
import {
  agreedContacts,
  agreedRules,
  agreedSigns,
  carriedRules,
  safetyProposals,
  unkeptRules,
} from "../../store/safety";
import { ContactForm } from "./contact-form";
import { EditableItem, RemoveButton } from "./editable";
import { ItemBody, RuleBody, word } from "./parts";
import { RuleForm } from "./rule-form";
import { SignForm } from "./sign-form";
import "./safety.css";

const REVIEWS: readonly RuleReview[] = ["kept", "broken", "changed"];

function Proposals() {
  const proposals = safetyProposals();
  if (proposals.length === 0) return null;
  return (
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
              <RemoveButton item={item} confirm={false} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Carried() {
  const carried = carriedRules();
  if (carried.length === 0) return null;
  return (
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
            <div class="safety-item__actions" role="group" aria-label={t("safety.review")}>
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
  );
}

export function SafetyPanel() {
  const unkept = unkeptRules();
  return (
    <section class="panel stack safety" aria-labelledby="safety-title" data-testid="safety-panel">
      <h2 id="safety-title" class="safety__summary">
        {word("title")}
      </h2>
      {unkept.length > 0 && (
        <p class="safety-item__flag" role="status" data-testid="safety-unkept">
          {t("safety.unkept", { n: unkept.length })}
        </p>
      )}
      <Proposals />
      <Carried />
      <div class="safety__columns safety__columns--cockpit">
        <section class="stack stack--small" aria-labelledby="safety-rules">
          <h3 id="safety-rules">{word("rules")}</h3>
          <ul class="safety-list">
            {agreedRules().map((rule) => (
              <EditableItem
                key={rule.id}
                item={rule}
                testid={`safety-rule-${rule.id}`}
                extra={`safety-item--${rule.must ? "must" : "must-not"}`}
              />
            ))}
          </ul>
          <RuleForm prefix="fac" />
        </section>
        <section class="stack stack--small" aria-labelledby="safety-signs">
          <h3 id="safety-signs">{word("signs")}</h3>
          <ul class="safety-list">
            {agreedSigns().map((sign) => (
              <EditableItem key={sign.id} item={sign} testid={`safety-sign-${sign.id}`} />
            ))}
          </ul>
          <SignForm prefix="fac" />
        </section>
        <section class="stack stack--small" aria-labelledby="safety-contacts">
          <h3 id="safety-contacts">{word("contacts")}</h3>
          <ul class="safety-list">
            {agreedContacts().map((contact) => (
              <EditableItem
                key={contact.id}
                item={contact}
                testid={`safety-contact-${contact.id}`}
              />
            ))}
          </ul>
          <ContactForm prefix="fac" />
        </section>
      </div>
    </section>
  );
}
