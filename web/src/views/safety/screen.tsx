/** The sikkerhedsplan on the room's screen, large: the rules and who keeps them, the warning
 * signs and what each person does then, and whom to call. */
import { t } from "../../i18n";
import {
  agreedContacts,
  agreedRules,
  agreedSigns,
  carriedRules,
  safetyProposals,
} from "../../store/safety";
import { ContactBody, RuleBody, SignBody, word } from "./parts";
import "./safety.css";

export function SafetyScreen() {
  const rules = [...carriedRules(), ...agreedRules()];
  const waiting = safetyProposals().length;
  return (
    <section
      class="safety safety--screen"
      aria-labelledby="screen-safety"
      data-testid="screen-safety"
    >
      <h2 id="screen-safety" class="safety__title">
        {word("title")}
      </h2>
      <div class="safety__columns">
        <section aria-labelledby="screen-safety-rules">
          <h3 id="screen-safety-rules">{word("rules")}</h3>
          {rules.length === 0 ? (
            <p class="muted">{t("safety.none")}</p>
          ) : (
            <ul class="safety-list">
              {rules.map((rule) => (
                <li
                  key={rule.id}
                  class={`safety-item safety-item--${rule.must ? "must" : "must-not"}`}
                >
                  <RuleBody rule={rule} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="screen-safety-signs">
          <h3 id="screen-safety-signs">{word("signs")}</h3>
          <ul class="safety-list">
            {agreedSigns().map((sign) => (
              <li key={sign.id} class="safety-item">
                <SignBody sign={sign} />
              </li>
            ))}
          </ul>
          <h3>{word("contacts")}</h3>
          <ul class="safety-list">
            {agreedContacts().map((contact) => (
              <li key={contact.id} class="safety-item">
                <ContactBody contact={contact} />
              </li>
            ))}
          </ul>
        </section>
      </div>
      {waiting > 0 && (
        <p class="muted">{t("safety.proposalsWaiting", { n: waiting })}</p>
      )}
    </section>
  );
}
