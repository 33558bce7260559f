/** The role this device acts in now. A handoff changes a participant's role in the meeting's
 * state; how the device got in (signed in as the meeting's facilitator, or by a join link) does
 * not decide what it may do, so the views follow the state. */
import { computed } from "@preact/signals";
import type { Participant, Role } from "../schema.gen";
import { me, type Me } from "./connection";
import { participants } from "./entities";

/** The role the state gives this device's participant; before the state has them, the role the
 * server's welcome named (the screen has no participant). */
export function roleIn(
  self: Me | null,
  people: ReadonlyMap<string, Participant>,
): Role | "screen" | null {
  if (!self) return null;
  const person = self.participantId ? people.get(self.participantId) : undefined;
  return person?.role ?? self.role;
}

export const myRole = computed(() => roleIn(me.value, participants.value));

/** True while this device's participant is the meeting's facilitator. */
export const leading = computed(() => myRole.value === "facilitator");
