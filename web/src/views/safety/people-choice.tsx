/** Who may be named in the plan: the people in the meeting (not the facilitator) and the
 * persons of the genogram who are not in the meeting themselves. Values are tagged `p:`
 * (participant), `g:` (genogram person) or, for someone only named, `n:`. */
import { t } from "../../i18n";
import { me } from "../../store/connection";
import { persons } from "../../store/genogram";
import { admittedPeople } from "../people";

interface Namable {
  value: string;
  label: string;
}

function namable(): Namable[] {
  const mine = me.value?.participantId;
  const people = admittedPeople()
    .filter((p) => p.role !== "facilitator")
    .map((p) => ({
      value: `p:${p.id}`,
      label: p.id === mine ? `${p.name} (${t("fac.you")})` : p.name,
    }));
  const drawn = [...persons.value.values()]
    .filter((p) => !p.participant && !p.focus)
    .map((p) => ({ value: `g:${p.id}`, label: p.name }));
  return [...people, ...drawn];
}

/** The tagged ids of `tag` among the chosen values. */
export function chosenOf(values: string[], tag: "p" | "g"): string[] {
  return values
    .filter((value) => value.startsWith(`${tag}:`))
    .map((value) => value.slice(2));
}

/** Checkboxes for the keepers of a rule; `chosen` holds tagged values. */
export function KeeperChoices({
  name,
  chosen,
  prefix,
}: {
  name: string;
  chosen: readonly string[];
  prefix: string;
}) {
  return (
    <>
      {namable().map((option) => (
        <label class="choice" key={option.value}>
          <input
            type="checkbox"
            name={name}
            value={option.value}
            defaultChecked={chosen.includes(option.value)}
            data-testid={`${prefix}-keeper-${option.value.slice(2)}`}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </>
  );
}

/** The options of a "who does it" select; `named` adds people only named in the sign, and
 * `chosen` is the tagged value selected to begin with. */
export function WhoOptions({
  named,
  chosen,
}: {
  named: readonly string[];
  chosen: string;
}) {
  return (
    <>
      <option value="">{t("safety.nobody")}</option>
      {namable().map((option) => (
        <option
          key={option.value}
          value={option.value}
          selected={option.value === chosen}
        >
          {option.label}
        </option>
      ))}
      {named.map((name) => (
        <option
          key={`n:${name}`}
          value={`n:${name}`}
          selected={`n:${name}` === chosen}
        >
          {name}
        </option>
      ))}
    </>
  );
}
