/** What the phone, the screen and the facilitator share of the sikkerhedsplan: its words (plain
 * ones for De 3 huse), the items as they read, and the forms that add to it. */
import { t, type MessageKey } from "../../i18n";
import {
  addContact,
  addRule,
  addSign,
  editRule,
  type StepDraft,
} from "../../net/safety";
import type { SafetyContact, SafetyRule, WarningSign } from "../../schema.gen";
import { me } from "../../store/connection";
import { meeting, participants } from "../../store/entities";
import { currentPhase } from "../../store/facilitation";
import { persons } from "../../store/genogram";
import { keepersOf } from "../../store/safety";
import { fields, text } from "../form";
import { admittedPeople } from "../people";

type Plain = "title" | "intro" | "must" | "mustNot" | "signs" | "contacts";

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

/** Who may be named: the people in the meeting and the persons of the genogram. */
function People({
  name,
  chosen,
  prefix,
}: {
  name: string;
  chosen: string[];
  prefix: string;
}) {
  const mine = me.value?.participantId;
  const people = admittedPeople().filter((p) => p.role !== "facilitator");
  const drawn = [...persons.value.values()].filter(
    (p) => !p.participant && !p.focus,
  );
  return (
    <>
      {people.map((person) => (
        <label class="choice" key={person.id}>
          <input
            type="checkbox"
            name={name}
            value={`p:${person.id}`}
            defaultChecked={chosen.includes(person.id)}
            data-testid={`${prefix}-keeper-${person.id}`}
          />
          <span>
            {person.id === mine
              ? `${person.name} (${t("fac.you")})`
              : person.name}
          </span>
        </label>
      ))}
      {drawn.map((person) => (
        <label class="choice" key={person.id}>
          <input
            type="checkbox"
            name={name}
            value={`g:${person.id}`}
            defaultChecked={chosen.includes(person.id)}
            data-testid={`${prefix}-keeper-${person.id}`}
          />
          <span>{person.name}</span>
        </label>
      ))}
    </>
  );
}

function chosenOf(data: FormData, name: string, tag: "p" | "g"): string[] {
  return data
    .getAll(name)
    .map(String)
    .filter((value) => value.startsWith(`${tag}:`))
    .map((value) => value.slice(2));
}

/** Write a rule (the facilitator's is part of the plan at once), or change one. */
export function RuleForm({
  prefix,
  rule,
}: {
  prefix: string;
  rule?: SafetyRule;
}) {
  const chosen = rule
    ? [...(rule.keeper_participants ?? []), ...(rule.keeper_persons ?? [])]
    : [];
  return (
    <form
      class="safety-form stack stack--small"
      data-testid={`${prefix}-rule-form`}
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        const draft = {
          must: data.get("must") !== "no",
          text: text(data, "text"),
          keeper_participants: chosenOf(data, "keeper", "p"),
          keeper_persons: chosenOf(data, "keeper", "g"),
        };
        const sent = rule ? editRule(rule.id, draft) : addRule(draft);
        if (sent && !rule) form.reset();
      }}
    >
      <fieldset class="choices">
        <legend>{t("safety.ruleKind")}</legend>
        <label class="choice">
          <input
            type="radio"
            name="must"
            value="yes"
            defaultChecked={rule?.must ?? true}
          />
          <span>{word("must")}</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="must"
            value="no"
            defaultChecked={rule ? !rule.must : false}
            data-testid={`${prefix}-rule-must-not`}
          />
          <span>{word("mustNot")}</span>
        </label>
      </fieldset>
      <label class="field">
        <span>{t("safety.ruleText")}</span>
        <textarea
          name="text"
          class="textarea"
          rows={2}
          required
          maxLength={300}
          defaultValue={rule?.text ?? ""}
          data-testid={`${prefix}-rule-text`}
        />
      </label>
      <fieldset class="choices choices--wrap">
        <legend>{t("safety.keepers")}</legend>
        <People name="keeper" chosen={chosen} prefix={prefix} />
      </fieldset>
      <button
        type="submit"
        class="button button--primary"
        data-testid={`${prefix}-rule-send`}
      >
        {rule
          ? t("safety.save")
          : prefix === "phone"
            ? t("safety.proposeRule")
            : t("safety.addRule")}
      </button>
    </form>
  );
}

function StepRow({ index, prefix }: { index: number; prefix: string }) {
  const people = admittedPeople().filter((p) => p.role !== "facilitator");
  const drawn = [...persons.value.values()].filter(
    (p) => !p.participant && !p.focus,
  );
  return (
    <div class="safety-step-row">
      <label class="field">
        <span>{t("safety.who")}</span>
        <select
          name={`who-${index}`}
          class="input"
          data-testid={`${prefix}-step-who-${index}`}
        >
          <option value="">{t("safety.nobody")}</option>
          {people.map((person) => (
            <option key={person.id} value={`p:${person.id}`}>
              {person.name}
            </option>
          ))}
          {drawn.map((person) => (
            <option key={person.id} value={`g:${person.id}`}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t("safety.does")}</span>
        <input
          name={`does-${index}`}
          class="input"
          maxLength={200}
          data-testid={`${prefix}-step-does-${index}`}
        />
      </label>
    </div>
  );
}

export function SignForm({ prefix }: { prefix: string }) {
  return (
    <form
      class="safety-form stack stack--small"
      data-testid={`${prefix}-sign-form`}
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        const steps: StepDraft[] = [0, 1].flatMap((index) => {
          const who = text(data, `who-${index}`);
          const does = text(data, `does-${index}`);
          if (!who || !does) return [];
          return [
            {
              participant: who.startsWith("p:") ? who.slice(2) : null,
              person: who.startsWith("g:") ? who.slice(2) : null,
              does,
            },
          ];
        });
        if (addSign(text(data, "text"), steps)) form.reset();
      }}
    >
      <label class="field">
        <span>{t("safety.signText")}</span>
        <textarea
          name="text"
          class="textarea"
          rows={2}
          required
          maxLength={300}
          data-testid={`${prefix}-sign-text`}
        />
      </label>
      <StepRow index={0} prefix={prefix} />
      <StepRow index={1} prefix={prefix} />
      <button
        type="submit"
        class="button button--primary"
        data-testid={`${prefix}-sign-send`}
      >
        {prefix === "phone" ? t("safety.proposeSign") : t("safety.addSign")}
      </button>
    </form>
  );
}

export function ContactForm({ prefix }: { prefix: string }) {
  return (
    <form
      class="safety-form stack stack--small"
      data-testid={`${prefix}-contact-form`}
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        if (
          addContact(
            text(data, "name"),
            text(data, "phone"),
            text(data, "note"),
          )
        )
          form.reset();
      }}
    >
      <label class="field">
        <span>{t("safety.name")}</span>
        <input
          name="name"
          class="input"
          required
          maxLength={40}
          data-testid={`${prefix}-contact-name`}
        />
      </label>
      <label class="field">
        <span>{t("safety.phone")}</span>
        <input
          name="phone"
          class="input"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          required
          maxLength={20}
          dir="ltr"
          aria-describedby={`${prefix}-phone-help`}
          data-testid={`${prefix}-contact-phone`}
        />
        <small id={`${prefix}-phone-help`} class="muted">
          {t("safety.phoneHelp")}
        </small>
      </label>
      <label class="field">
        <span>{t("safety.when")}</span>
        <input
          name="note"
          class="input"
          maxLength={200}
          data-testid={`${prefix}-contact-note`}
        />
      </label>
      <button
        type="submit"
        class="button button--primary"
        data-testid={`${prefix}-contact-send`}
      >
        {prefix === "phone"
          ? t("safety.proposeContact")
          : t("safety.addContact")}
      </button>
    </form>
  );
}
