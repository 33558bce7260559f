/** One polite live region per view: new notes from others, who has the word and the meeting's
 * status changes are spoken by screen readers without moving focus, each once, however many
 * panels show them. */
import { useEffect, useRef, useState } from "preact/hooks";
import { effect } from "@preact/signals";
import { t, type MessageKey } from "../i18n";
import { arrivals, speakerChange, statusChange } from "../store/announce";
import { me } from "../store/connection";
import { cards, meeting, participants } from "../store/entities";
import { turns } from "../store/facilitation";
import type { Card, MeetingStatus } from "../schema.gen";
import { heardWaiting, newArrivals } from "../store/cockpit";
import { leading } from "../store/role";
import { waitingPeople } from "./people";

export function Announcer() {
  const [said, say] = useState("");
  const lastCards = useRef<ReadonlyMap<string, Card> | null>(null);
  const lastStatus = useRef<MeetingStatus | null>(null);
  const lastSpeaker = useRef<string | null | undefined>(undefined);
  useEffect(
    () =>
      effect(() => {
        const now = cards.value;
        const status = meeting.value?.status ?? null;
        const speaker = turns.value?.speaker ?? null;
        const who = me.peek()?.participantId ?? null;
        // Before the first sync the maps are empty: that is not a board to compare against.
        const loaded = meeting.value !== null;
        const heard: string[] = [];
        for (const card of loaded
          ? arrivals(lastCards.current, now, who)
          : []) {
          const column = t(`column.${card.column}` as MessageKey);
          heard.push(t("announce.newNote", { column, text: card.text }));
        }
        const word = loaded ? speakerChange(lastSpeaker.current, speaker) : null;
        if (word) heard.push(spokenSpeaker(word.speaker, who));
        // Only the one who leads hears who waits in the lobby: they are the one to let them in.
        const waiting = leading.value ? waitingPeople().map((person) => person.id) : [];
        const arrived = loaded && leading.peek() ? newArrivals(heardWaiting.peek(), waiting) : [];
        for (const id of arrived) {
          heard.push(t("lobby.arrived", { name: participants.peek().get(id)?.name ?? "" }));
        }
        heardWaiting.value = loaded && leading.peek() ? new Set(waiting) : null;
        const changed = statusChange(lastStatus.current, status);
        if (changed === "readback") heard.push(t("announce.readback"));
        if (changed === "closed") heard.push(t("announce.closed"));
        if (changed === "open") heard.push(t("announce.reopened"));
        lastCards.current = loaded ? now : null;
        lastStatus.current = status;
        lastSpeaker.current = loaded ? speaker : undefined;
        if (heard.length > 0) say(heard.join(" "));
      }),
    [],
  );
  return (
    <div class="visually-hidden" aria-live="polite" data-testid="announcer">
      {said}
    </div>
  );
}

function spokenSpeaker(speaker: string | null, self: string | null): string {
  if (speaker === null) return t("turns.nobody");
  if (speaker === self) return t("turns.youHaveWord");
  return t("turns.hasWord", { name: participants.peek().get(speaker)?.name ?? "" });
}
