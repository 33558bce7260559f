/** The facilitator's genogram and network map: the drawing, the download, and the editors
 * beside it. (What the room's screen shows is chosen in the cockpit's agenda bar.) */
import { useRef } from "preact/hooks";
import { t, type MessageKey } from "../../i18n";
import { nudgePerson, placePerson } from "../../net/genogram";
import { shownAllPersons, shownGenogramPersons } from "../../store/drawing";
import {
  drawingTab,
  editingPerson,
  personDraft,
  personFormOf,
  selectedPerson,
} from "../../store/drawing-view";
import { focusChild, persons, relations } from "../../store/genogram";
import { CarriedNotice } from "../carried";
import { downloadSvg } from "./download";
import { GenogramSvg } from "./genogram-svg";
import { NetworkSvg } from "./network-svg";
import { NetworkEditor } from "./network-editor";
import { PersonForm } from "./person-form";
import { RelationForm, RelationList } from "./relations";

export function DrawingsPanel() {
  const svgHolder = useRef<HTMLDivElement>(null);
  const current = drawingTab.value;
  return (
    <section
      class="panel stack drawings"
      aria-labelledby="drawings-title"
      data-testid="drawings-panel"
    >
      <div class="row row--between row--wrap">
        <h2 id="drawings-title">{t("geno.panelTitle")}</h2>
      </div>
      <CarriedNotice help />
      <div class="tabs tabs--2" role="tablist" aria-label={t("geno.panelTitle")}>
        {(["genogram", "network"] as const).map((which) => (
          <button
            key={which}
            type="button"
            role="tab"
            class="tab"
            aria-selected={current === which}
            data-testid={`drawing-tab-${which}`}
            onClick={() => {
              drawingTab.value = which;
            }}
          >
            <span class="tab__label">{t(`geno.tab.${which}` as MessageKey)}</span>
          </button>
        ))}
      </div>
      <div ref={svgHolder} class="drawings__canvas">
        {current === "genogram" ? (
          <GenogramSvg
            persons={shownGenogramPersons()}
            relations={[...relations.value.values()]}
            title={t("geno.title")}
            testId="genogram-svg"
            selected={selectedPerson.value}
            onSelect={(id) => {
              selectedPerson.value = id;
            }}
            onNudge={nudgePerson}
            zoomable
          />
        ) : (
          <NetworkSvg
            persons={shownAllPersons()}
            child={focusChild()}
            title={t("net.title")}
            testId="network-svg"
            onPlace={placePerson}
            zoomable
          />
        )}
      </div>
      <div class="row row--wrap">
        <button
          type="button"
          class="button"
          data-testid="drawing-download"
          onClick={() =>
            downloadSvg(
              svgHolder.current?.querySelector("svg") ?? null,
              current === "genogram" ? "genogram.svg" : "netvaerkskort.svg",
            )
          }
        >
          {t("geno.download")}
        </button>
        <p class="muted">{t(current === "genogram" ? "geno.dragHelp" : "net.dragHelp")}</p>
      </div>
      {current === "genogram" ? <GenogramEditor /> : <NetworkEditor />}
    </section>
  );
}

function GenogramEditor() {
  const chosen = selectedPerson.value ? persons.value.get(selectedPerson.value) : undefined;
  if (chosen && editingPerson.value !== chosen.id) {
    editingPerson.value = chosen.id;
    personDraft.value = personFormOf(chosen);
  }
  return (
    <div class="drawings__editor">
      <PersonForm />
      <RelationForm />
      <RelationList />
    </div>
  );
}
