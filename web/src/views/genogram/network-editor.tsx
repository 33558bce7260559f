/** The keyboard (and button) way to place people on the network map. What this device has
 * just sent is shown from the pending overlay, so a refused placement goes back by itself. */
import { t } from "../../i18n";
import { SECTORS, stepRing } from "../../layout/network";
import { placePerson } from "../../net/genogram";
import type { Person, Sector } from "../../schema.gen";
import { shownAllPersons } from "../../store/drawing";
import { drawingTab, selectedPerson } from "../../store/drawing-view";
import { sectorKey } from "./words";

function placementOf(person: Person): { ring: number; sector: Sector; angle: number } | null {
  return person.ring != null && person.sector != null
    ? { ring: person.ring, sector: person.sector, angle: person.angle ?? 0.5 }
    : null;
}

export function NetworkEditor() {
  const everyone = shownAllPersons().filter((person) => !person.focus);
  if (!everyone.length) return <p class="muted">{t("net.nobody")}</p>;
  return (
    <ul class="drawings__list stack stack--small" data-testid="network-list">
      {everyone.map((person) => {
        const placed = placementOf(person);
        const sector = placed?.sector ?? "family";
        return (
          <li
            key={person.id}
            class="row row--wrap"
            data-testid="network-item"
            data-person={person.id}
          >
            <span class="field--grow">
              <strong>{person.name}</strong>{" "}
              <span class="muted">
                {placed
                  ? t("net.placed", { ring: placed.ring, sector: t(sectorKey(placed.sector)) })
                  : t("net.notPlaced")}
              </span>
            </span>
            <select
              class="select select--small"
              value={sector}
              aria-label={t("net.sectorOf", { name: person.name })}
              data-testid="network-sector"
              onChange={(e) =>
                placePerson(person.id, {
                  ...(placed ?? { ring: 2, angle: 0.5 }),
                  sector: e.currentTarget.value as Sector,
                })
              }
            >
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(sectorKey(s))}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button button--small"
              data-testid="network-closer"
              aria-label={t("net.closerOf", { name: person.name })}
              onClick={() => placePerson(person.id, stepRing(placed, -1, sector))}
            >
              {t("net.closer")}
            </button>
            <button
              type="button"
              class="button button--small"
              data-testid="network-further"
              aria-label={t("net.furtherOf", { name: person.name })}
              onClick={() => placePerson(person.id, stepRing(placed, 1, sector))}
            >
              {t("net.further")}
            </button>
            <button
              type="button"
              class="button button--small button--quiet"
              data-testid="network-edit"
              aria-label={t("geno.editPerson", { name: person.name })}
              onClick={() => {
                selectedPerson.value = person.id;
                drawingTab.value = "genogram";
              }}
            >
              {t("net.edit")}
            </button>
            {placed && (
              <button
                type="button"
                class="button button--small button--quiet"
                data-testid="network-off"
                onClick={() => placePerson(person.id, null)}
              >
                {t("net.off")}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
