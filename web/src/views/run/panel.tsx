/** The run panel of a phone that leads the meeting (after a handoff): the agenda, the word,
 * the timer, writing and family time, the handoff, the agenda editor and the bekymringsgrundlag. */
import { t } from "../../i18n";
import { AgendaBar, AgendaEditor } from "./agenda";
import { ConcernEditor } from "./concern";
import { HandoffPanel } from "./handoff";
import { TimerPanel } from "./timer";
import { TurnsPanel } from "./turns";
import { WritingPanel } from "./writing";

export function RunPanel() {
  return (
    <section class="run stack" aria-labelledby="run-title" data-testid="run-panel">
      <h2 id="run-title" class="visually-hidden">
        {t("fac.run")}
      </h2>
      <AgendaBar />
      <div class="run__grid">
        <TurnsPanel />
        <div class="stack">
          <TimerPanel />
          <WritingPanel />
          <HandoffPanel />
        </div>
      </div>
      <AgendaEditor />
      <ConcernEditor />
    </section>
  );
}
