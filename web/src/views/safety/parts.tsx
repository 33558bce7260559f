/** What the phone, the screen and the facilitator share of the sikkerhedsplan: its words (plain
 * ones for De 3 huse) and the items as they read. The forms are in `*-form.tsx`. */
import { t, type MessageKey } from "../../i18n";
import type { SafetyContact, SafetyRule, WarningSign } from "../../schema.gen";
import { meeting, participants } from "../../store/entities";
import { currentPhase } from "../../store/facilitation";
import { persons } from "../../store/genogram";
import { keepersOf } from "../../store/safety";

type Plain =
  | "title"
  | "intro"
  | "must"
  | "mustNot"
  | "rules"
  | "signs"
  | "contacts"
  | "proposeRule"
  | "proposeSign"
  | "proposeContact";

/** A heading of the plan: for De 3 huse, the child's words. */
export function word(key: Plain): string {
  const child = meeting.value?.template === "three_houses";
  return t((child ? `safety.child.${key}` : `safety.${key}`) as MessageKey);
}

export function inSafetyPhase(): boolean {
  return currentPhase()?.kind === "safety";
}

function nameOfParticipant(id: string): string {
  return participants.value.get(id)?.name ?? "";
}

/** Who keeps a rule, by name: participants, then genogram persons. */
export function keeperNames(rule: SafetyRule): string[] {
  return [
    ...(rule.keeper_participants ?? []).map(nameOfParticipant),
    ...(rule.keeper_persons ?? []).map(
      (id) => persons.value.get(id)?.name ?? "",
    ),
    ...(rule.keeper_names ?? []),
  ].filter(Boolean);
}

export function RuleBody({ rule }: { rule: SafetyRule }) {
  const names = keeperNames(rule);
  const keepers = keepersOf(rule);
  return (
    <div class="safety-item__body">
      <p class="safety-item__kind">
        {rule.must ? word("must") : word("mustNot")}
      </p>
      <p class="safety-item__text" dir="auto">
        {rule.text}
      </p>
      {names.length > 0 ? (
        <p class="muted" data-testid={`keepers-${rule.id}`}>
          {t("safety.keptBy", { names: names.join(", ") })}
          {keepers.size > 0 &&
            ` · ${t("safety.confirmedBy", { n: (rule.confirmed_by ?? []).length, total: keepers.size })}`}
        </p>
      ) : (
        <p class="safety-item__flag" data-testid={`unkept-${rule.id}`}>
          {t("safety.noKeeper")}
        </p>
      )}
    </div>
  );
}

export function SignBody({ sign }: { sign: WarningSign }) {
  return (
    <div class="safety-item__body">
      <p class="safety-item__text" dir="auto">
        {sign.text}
      </p>
      {(sign.steps ?? []).length > 0 && (
        <ul class="safety-steps">
          {(sign.steps ?? []).map((step, index) => (
            <li key={index}>
              <strong>
                {step.participant
                  ? nameOfParticipant(step.participant)
                  : step.person
                    ? (persons.value.get(step.person)?.name ?? "")
                    : step.name}
              </strong>
              {": "}
              <span dir="auto">{step.does}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ContactBody({ contact }: { contact: SafetyContact }) {
  return (
    <div class="safety-item__body">
      <p class="safety-item__text">
        <span dir="auto">{contact.name}</span>{" "}
        <a
          class="safety-phone"
          href={`tel:+45${contact.phone.replace(/ /g, "")}`}
          dir="ltr"
        >
          {contact.phone}
        </a>
      </p>
      {contact.note && (
        <p class="muted" dir="auto">
          {contact.note}
        </p>
      )}
    </div>
  );
}

export function ItemBody({
  item,
}: {
  item: SafetyRule | WarningSign | SafetyContact;
}) {
  if (item.type === "safety_rule") return <RuleBody rule={item} />;
  if (item.type === "safety_sign") return <SignBody sign={item} />;
  return <ContactBody contact={item} />;
}
