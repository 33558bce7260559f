/** The personal participant token per meeting, so a reload or a new tab is the same person. */

export interface Membership {
  token: string;
  participantId: string;
}

const PREFIX = "kreds.participant.";

export function loadMembership(meetingId: string): Membership | null {
  try {
    const raw = localStorage.getItem(PREFIX + meetingId);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "token" in parsed &&
      "participantId" in parsed &&
      typeof parsed.token === "string" &&
      typeof parsed.participantId === "string"
    ) {
      return { token: parsed.token, participantId: parsed.participantId };
    }
  } catch {
    // unreadable: treat as not joined
  }
  return null;
}

export function saveMembership(meetingId: string, membership: Membership): void {
  try {
    localStorage.setItem(PREFIX + meetingId, JSON.stringify(membership));
  } catch {
    // storage blocked: this tab still works, a reload asks again
  }
}

/** Forget the token and everything this device kept for the meeting. */
export function forgetMembership(meetingId: string): void {
  try {
    const doomed: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (
        key &&
        (key === PREFIX + meetingId ||
          key.startsWith(`kreds.outbox.${meetingId}.`) ||
          key.startsWith(`kreds.draft.${meetingId}.`))
      ) {
        doomed.push(key);
      }
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch {
    // nothing to forget
  }
}
