/** What a screen reader should hear about changes others make while one works: a new note, who
 * has the word, the read-back starting, the meeting closing. Spoken through one polite live region (views/announcer). */
import type { Card, MeetingStatus } from "../schema.gen";

/** Notes that are new since `before` and written by someone else. Nothing on the first load:
 * a sync of the whole board is not news. */
export function arrivals(
  before: ReadonlyMap<string, Card> | null,
  after: ReadonlyMap<string, Card>,
  me: string | null,
): Card[] {
  if (before === null) return [];
  return [...after.values()].filter(
    (card) => !before.has(card.id) && card.author !== me,
  );
}

/** The meeting's status when it changed since `before` (not on the first load). */
export function statusChange(
  before: MeetingStatus | null,
  after: MeetingStatus | null,
): MeetingStatus | null {
  return before !== null && after !== null && before !== after ? after : null;
}

/** Who has the word now, when that changed since `before` (`speaker: null` when nobody has it any
 * more). Nothing on the first load (`before` undefined): the word someone already had is not news. */
export function speakerChange(
  before: string | null | undefined,
  after: string | null,
): { speaker: string | null } | null {
  return before !== undefined && before !== after ? { speaker: after } : null;
}
