/** The facilitator's cockpit: one laptop screen with no page scroll. The agenda bar is always in
 * view, the phase's work is in the middle, the people (lobby, the word, the timer, writing,
 * participants) are at the side; each panel scrolls inside itself. */
import { useEffect } from "preact/hooks";
import { effect } from "@preact/signals";
import { t } from "../../i18n";
import { meetingDetail } from "../../store/account";
import { followPhaseWork, workView } from "../../store/cockpit";
import { agenda, currentPhase } from "../../store/facilitation";
import { AgreementsPanel } from "../agreements/facilitator";
import { SafetyPanel } from "../safety/facilitator";
import { Board } from "../board";
import { DrawingsPanel } from "../genogram/facilitator";
import { Lobby, People, waitingPeople } from "../people";
import { FacilitatorScaling } from "../scaling/facilitator";
import { AgendaBar, AgendaEditor } from "./agenda";
import { ConcernEditor } from "./concern";
import { FamilyWaiting } from "./family";
import { HandoffPanel } from "./handoff";
import { Invite } from "./invite";
import { ScreenControl } from "./screen-control";
import { ShortcutsHelp, useShortcuts } from "./shortcuts";
import { TimerPanel } from "./timer";
import { TurnsPanel } from "./turns";
import { WorkArea } from "./work";
import { WritingPanel } from "./writing";
import "./cockpit.css";

/** A move to another phase brings the middle back to that phase's own work. */
function useFollowPhase(): void {
  useEffect(() => {
    let followed: string | null | undefined;
    return effect(() => {
      const id = agenda.value?.current;
      if (followed !== undefined && id !== followed) followPhaseWork();
      followed = id ?? null;
    });
  }, []);
}

/** Wherever the facilitator is, a new arrival shows in the agenda bar: a count that stands
 * out, which takes them to the lobby. (The announcer says it politely too.) */
function LobbyAlert() {
  const waiting = waitingPeople().length;
  if (waiting === 0) return null;
  return (
    <button
      type="button"
      class="button button--small lobby-alert"
      data-testid="lobby-alert"
      data-count={waiting}
      onClick={() => {
        const lobby = document.getElementById("lobby-title");
        lobby?.scrollIntoView({ block: "start" });
        document
          .querySelector<HTMLElement>('[data-testid="lobby"] button')
          ?.focus();
      }}
    >
      <span class="lobby-alert__count" aria-hidden="true">
        {waiting}
      </span>
      {t("lobby.waitingChip", { n: waiting })}
    </button>
  );
}

export function Cockpit({ meetingId }: { meetingId: string }) {
  useFollowPhase();
  useShortcuts();
  const current = workView(currentPhase()?.kind);
  return (
    <main id="main" class="cockpit" data-testid="cockpit">
      <h2 class="visually-hidden">{t("fac.run")}</h2>
      <div class="cockpit__bar">
        <AgendaBar />
        <div class="cockpit__tools">
          <LobbyAlert />
          <ScreenControl />
          <ShortcutsHelp />
        </div>
      </div>
      <FamilyWaiting />
      <div class="cockpit__body">
        <WorkArea
          current={current}
          panels={{
            invite: (
              <div class="stack">
                <Invite />
                <AgendaEditor />
              </div>
            ),
            concern: <ConcernEditor open />,
            board: <Board />,
            scale: (
              <FacilitatorScaling
                caseId={meetingDetail.value?.case_id ?? null}
              />
            ),
            agreements: <AgreementsPanel meetingId={meetingId} />,
            safety: <SafetyPanel />,
            drawings: <DrawingsPanel />,
          }}
        />
        <aside class="cockpit__side stack" aria-label={t("cockpit.people")}>
          <Lobby />
          <TurnsPanel />
          <TimerPanel />
          <WritingPanel />
          <People />
          <HandoffPanel />
        </aside>
      </div>
    </main>
  );
}
