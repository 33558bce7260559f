/** The middle of the cockpit: the phase's own work (board, scale, agreements, drawings, ...),
 * one tab each. Every panel stays mounted while hidden, so nothing typed in one is lost when
 * the phase moves on. */
import type { ComponentChildren } from "preact";
import { t, type MessageKey } from "../../i18n";
import { chosenWork, WORK_VIEWS, type WorkView } from "../../store/cockpit";

const LABELS: Record<WorkView, MessageKey> = {
  invite: "cockpit.work.invite",
  concern: "cockpit.work.concern",
  board: "cockpit.work.board",
  scale: "cockpit.work.scale",
  agreements: "cockpit.work.agreements",
  safety: "safety.title",
  drawings: "cockpit.work.drawings",
};

export function WorkArea({
  current,
  panels,
}: {
  current: WorkView;
  panels: Record<WorkView, ComponentChildren>;
}) {
  const go = (index: number): void => {
    const next = WORK_VIEWS[(index + WORK_VIEWS.length) % WORK_VIEWS.length]!;
    chosenWork.value = next;
    document.getElementById(`work-tab-${next}`)?.focus();
  };
  return (
    <section class="cockpit__work" aria-label={t("cockpit.work")} data-testid="cockpit-work">
      <div class="work-tabs" role="tablist" aria-label={t("cockpit.work")}>
        {WORK_VIEWS.map((view, index) => (
          <button
            key={view}
            id={`work-tab-${view}`}
            type="button"
            role="tab"
            class="work-tab"
            aria-selected={view === current}
            aria-controls={`work-${view}`}
            tabIndex={view === current ? 0 : -1}
            data-testid={`work-tab-${view}`}
            onClick={() => {
              chosenWork.value = view;
            }}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight") go(index + 1);
              else if (event.key === "ArrowLeft") go(index - 1);
              else return;
              event.preventDefault();
            }}
          >
            {t(LABELS[view])}
          </button>
        ))}
      </div>
      {WORK_VIEWS.map((view) => (
        <div
          key={view}
          id={`work-${view}`}
          role="tabpanel"
          aria-labelledby={`work-tab-${view}`}
          class="cockpit__panel"
          hidden={view !== current}
          data-testid={`work-${view}`}
        >
          {panels[view]}
        </div>
      ))}
    </section>
  );
}
