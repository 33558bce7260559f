/** The room's screen: the genogram or the network map, when the facilitator shows one. */
import { t } from "../../i18n";
import { shownAllPersons, shownGenogramPersons } from "../../store/drawing";
import { focusChild, relations, screenView } from "../../store/genogram";
import { CarriedNotice } from "../carried";
import { GenogramSvg } from "./genogram-svg";
import { NetworkSvg } from "./network-svg";

/** What the screen shows instead of the board, or null for the board. */
export function ScreenDrawing() {
  const shows = screenView.value?.shows ?? "board";
  if (shows === "board") return null;
  return (
    <section
      class="screen__drawing"
      aria-labelledby="screen-drawing-title"
      data-testid={`screen-${shows}`}
    >
      <h2 id="screen-drawing-title" class="screen__drawing-title">
        {t(shows === "genogram" ? "geno.title" : "net.title")}
      </h2>
      <CarriedNotice />
      {shows === "genogram" ? (
        <GenogramSvg
          persons={shownGenogramPersons()}
          relations={[...relations.value.values()]}
          title={t("geno.title")}
          testId="screen-genogram-svg"
        />
      ) : (
        <NetworkSvg
          persons={shownAllPersons()}
          child={focusChild()}
          title={t("net.title")}
          testId="screen-network-svg"
        />
      )}
    </section>
  );
}
