/** The sikkerhedsplan on a phone: the plan as agreed, the rules this person keeps to confirm,
 * their proposals waiting, and (in the plan's phase) ways to propose a rule, a sign, a contact. */
import { t } from "../../i18n";
import { confirmRule, deleteSafety } from "../../net/safety";
import { me } from "../../store/connection";
import {
  agreedContacts,
  agreedRules,
  agreedSigns,
  carriedRules,
  hasPlan,
  safetyProposals,
  toConfirm,
} from "../../store/safety";
import { ContactForm } from "./contact-form";
import { ContactBody, inSafetyPhase, ItemBody, RuleBody, SignBody, word } from "./parts";
import { RuleForm } from "./rule-form";
import { SignForm } from "./sign-form";
import "./safety.css";

export function PhoneSafety() {
  const phase = inSafetyPhase();
  if (!phase && !hasPlan()) return null;
  const mine = me.value?.participantId;
  const waiting = safetyProposals().filter((item) => item.proposed_by === mine);
  const rules = [...carriedRules(), ...agreedRules()];
  const signs = agreedSigns();
  const contacts = agreedContacts();
  return (
    <section
      class="panel stack safety"
      aria-labelledby="phone-safety-title"
      data-testid="phone-safety"
    >
      <h2 id="phone-safety-title">{word("title")}</h2>
      {phase && <p class="muted">{word("intro")}</p>}
      {rules.length === 0 && signs.length === 0 && contacts.length === 0 && (
        <p class="muted">{t("safety.none")}</p>
      )}
      {rules.length > 0 && <h3 id="phone-safety-rules">{word("rules")}</h3>}
      {rules.length > 0 && (
        <ul class="safety-list" aria-labelledby="phone-safety-rules">
          {rules.map((rule) => (
            <li
              key={rule.id}
              class={`safety-item safety-item--${rule.must ? "must" : "must-not"}`}
              data-testid={`phone-rule-${rule.id}`}
            >
              <RuleBody rule={rule} />
              {toConfirm(rule) ? (
                <button
                  type="button"
                  class="button button--primary button--large"
                  data-testid={`confirm-rule-${rule.id}`}
                  onClick={() => confirmRule(rule.id)}
                >
                  {t("safety.confirm")}
                </button>
              ) : (
                mine &&
                (rule.confirmed_by ?? []).includes(mine) && (
                  <p
                    class="safety-item__done"
                    data-testid={`confirmed-rule-${rule.id}`}
                  >
                    {t("safety.confirmed")}
                  </p>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {signs.length > 0 && (
        <>
          <h3>{word("signs")}</h3>
          <ul class="safety-list">
            {signs.map((sign) => (
              <li key={sign.id} class="safety-item">
                <SignBody sign={sign} />
              </li>
            ))}
          </ul>
        </>
      )}
      {contacts.length > 0 && (
        <>
          <h3>{word("contacts")}</h3>
          <ul class="safety-list">
            {contacts.map((contact) => (
              <li key={contact.id} class="safety-item">
                <ContactBody contact={contact} />
              </li>
            ))}
          </ul>
        </>
      )}
      {waiting.length > 0 && (
        <ul class="safety-list">
          {waiting.map((item) => (
            <li
              key={item.id}
              class="safety-item safety-item--proposed"
              data-testid={`phone-proposal-${item.id}`}
            >
              <ItemBody item={item} />
              <p class="muted">{t("safety.waiting")}</p>
              <button
                type="button"
                class="button button--small"
                onClick={() => deleteSafety(item.id)}
              >
                {t("safety.withdraw")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {phase && (
        <div class="stack stack--small">
          <details class="propose">
            <summary class="button" data-testid="propose-rule-open">
              {word("proposeRule")}
            </summary>
            <RuleForm prefix="phone" />
          </details>
          <details class="propose">
            <summary class="button" data-testid="propose-sign-open">
              {word("proposeSign")}
            </summary>
            <SignForm prefix="phone" />
          </details>
          <details class="propose">
            <summary class="button" data-testid="propose-contact-open">
              {word("proposeContact")}
            </summary>
            <ContactForm prefix="phone" />
          </details>
        </div>
      )}
    </section>
  );
}
