/** The referat page's drawings: the genogram and the network map drawn with the same code as
 * the app's "Hent som SVG", from the data the server put in the page (only what the facilitator
 * may see). The PDF printer waits for `data-drawn` on the document. */
import { render } from "preact";
import { t } from "../i18n";
import type { Person, Relation } from "../schema.gen";
import { GenogramSvg } from "../views/genogram/genogram-svg";
import { NetworkSvg } from "../views/genogram/network-svg";

interface Drawing {
  persons: Person[];
  relations: Relation[];
}

function read(): Drawing | null {
  const source = document.getElementById("referat-drawing");
  if (!source?.textContent) return null;
  try {
    return JSON.parse(source.textContent) as Drawing;
  } catch {
    return null;
  }
}

function draw(drawing: Drawing): void {
  const genogram = document.querySelector<HTMLElement>("[data-figure='genogram']");
  if (genogram) {
    render(
      <GenogramSvg
        persons={drawing.persons.filter((person) => person.in_genogram !== false)}
        relations={drawing.relations}
        title={t("geno.title")}
        testId="referat-genogram-svg"
      />,
      genogram,
    );
  }
  const network = document.querySelector<HTMLElement>("[data-figure='network']");
  if (network) {
    render(
      <NetworkSvg
        persons={drawing.persons}
        child={drawing.persons.find((person) => person.focus)}
        title={t("net.title")}
        testId="referat-network-svg"
      />,
      network,
    );
  }
}

const drawing = read();
if (drawing) draw(drawing);
document.documentElement.dataset.drawn = "true";
