/** Handing the lead to someone else in the meeting. */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { handOver } from "../../net/facilitation";
import { me } from "../../store/connection";
import { admittedPeople } from "../people";
import { ask } from "../../store/dialog";

export function HandoffPanel() {
  const self = me.value?.participantId;
  const others = admittedPeople().filter((person) => person.id !== self);
  const [chosen, setChosen] = useState("");
  const target = others.find((person) => person.id === chosen);
  return (
    <section
      class="panel stack stack--small"
      aria-labelledby="handoff-title"
      data-testid="handoff-panel"
    >
      <h3 id="handoff-title">{t("handoff.title")}</h3>
      <label class="field">
        <span>{t("handoff.label")}</span>
        <select
          class="select"
          value={chosen}
          data-testid="handoff-select"
          onChange={(event) => setChosen(event.currentTarget.value)}
        >
          <option value="" />
          {others.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({t(`role.${person.role}`)})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="button"
        disabled={!target}
        data-testid="handoff-give"
        onClick={() => {
          if (target) {
            ask(t("handoff.confirm", { name: target.name }), () => handOver(target.id), "handoff.give");
          }
        }}
      >
        {t("handoff.give")}
      </button>
    </section>
  );
}
