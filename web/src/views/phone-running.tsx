/** The phone's part in running the meeting: the phase it follows, the word, the hand, the
 * timer, how notes are written now, and the waiting screen in family time. */
import { effect } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { lowerHand, passTurn, raiseHand, releaseFamilyPlan } from "../net/facilitation";
import type { ColumnKey } from "../schema.gen";
import { me } from "../store/connection";
import { cards, meeting } from "../store/entities";
import { agenda, currentPhase, turns, writing } from "../store/facilitation";
import { mayEver, waitsInFamilyTime } from "../store/permissions";
import { myRole } from "../store/role";
import { followPhase } from "../store/ui";
import { Lobby } from "./people";
import { ConcernEditor } from "./run/concern";
import { RunPanel } from "./run/panel";
import { ConcernView, PhaseBanner, SpeakerBanner, TimerDisplay } from "./running";

/** In family time the phone of someone the server's table lets do nothing (a professional)
 * waits, and receives nothing the family writes. */
export function waitingForFamily(): boolean {
  return (writing.value?.family ?? false) && waitsInFamilyTime(myRole.value);
}

export function FamilyWait() {
  return (
    <section class="lobby-wait stack" data-testid="family-wait" aria-live="polite">
      <div class="lobby-wait__ring" aria-hidden="true" />
      <h1>{t("family.waitTitle")}</h1>
      <p>{t("family.waitText")}</p>
    </section>
  );
}

/** When the meeting moves to a phase about a column, the phone shows that column, unless a
 * note is half written: then the note and its column stay where they are. */
function useFollowPhase(): void {
  useEffect(() => {
    // Only a move to another phase switches the column; renaming or reordering phases does not
    // take the person away from the column they chose.
    let followed: string | null | undefined;
    return effect(() => {
      const id = agenda.value?.current;
      if (id === followed) return;
      followed = id;
      const phase = id ? agenda.peek()?.phases.find((each) => each.id === id) : undefined;
      const columns: readonly string[] = meeting.peek()?.columns ?? [];
      if (phase && columns.includes(phase.kind)) followPhase(phase.kind as ColumnKey);
    });
  }, []);
}

/** A short buzz when the word comes to this phone, where the phone can. */
function useBuzzOnWord(): void {
  useEffect(() => {
    let had = false;
    return effect(() => {
      const mine = turns.value?.speaker != null && turns.value.speaker === me.value?.participantId;
      if (mine && !had) navigator.vibrate?.([200, 100, 200]);
      had = mine;
    });
  }, []);
}

export function PhoneRunning() {
  useFollowPhase();
  useBuzzOnWord();
  const self = me.value?.participantId ?? null;
  const role = myRole.value;
  const current = turns.value;
  const now = writing.value;
  // Family time may have been ended by the facilitator: what the family kept is still its own
  // to share.
  const familyKept = [...cards.value.values()].some((card) => card.family);
  const phase = currentPhase();
  const hands = current?.queue ?? [];
  const place = self ? hands.indexOf(self) : -1;
  const speaking = self !== null && current?.speaker === self;
  const inRound = (current?.round ?? []).length > 0;
  return (
    <div class="stack phone-running">
      {role !== "facilitator" && (
        // The phone that leads has the phase, the word and the timer in its run panel.
        <>
          <PhaseBanner size="phone" />
          <SpeakerBanner size="phone" />
          <TimerDisplay size="phone" />
        </>
      )}
      {role === "facilitator" ? (
        <>
          <p class="notice-line" role="status">
            {t("handoff.youLead")}
          </p>
          <RunPanel />
          <Lobby />
        </>
      ) : (
        <div class="row">
          {speaking && inRound && (
            <button
              type="button"
              class="button button--large"
              data-testid="phone-pass"
              onClick={() => passTurn()}
            >
              {t("turns.pass")}
            </button>
          )}
          {!speaking &&
            (place >= 0 ? (
              <button
                type="button"
                class="button button--large"
                aria-pressed="true"
                data-testid="hand-lower"
                onClick={() => lowerHand()}
              >
                {t("turns.lower")}
              </button>
            ) : (
              <button
                type="button"
                class="button button--large button--primary"
                aria-pressed="false"
                data-testid="hand-raise"
                onClick={() => raiseHand()}
              >
                {t("turns.raise")}
              </button>
            ))}
          {place >= 0 && (
            <p class="muted" data-testid="hand-place">
              {t("turns.raised", { n: place + 1 })}
            </p>
          )}
        </div>
      )}
      {now?.private && (
        <p class="notice-line" role="status" data-testid="phone-private">
          {t("writing.phone")}
        </p>
      )}
      {now?.anonymous && <p class="muted">{t("writing.anonymousOn")}</p>}
      {(now?.family || familyKept) && mayEver(role, "family.release") && (
        <div class="notice-line stack stack--small" data-testid="phone-family">
          <p>{t(now?.family ? "family.phone" : "cockpit.familyKept")}</p>
          <button
            type="button"
            class="button button--primary button--large"
            data-testid="family-release"
            onClick={() => releaseFamilyPlan()}
          >
            {t("family.release")}
          </button>
        </div>
      )}
      {phase?.kind === "concern" && <ConcernView size="phone" />}
      {role === "raadgiver" && <ConcernEditor />}
    </div>
  );
}
