/** What this device knows about its link to the meeting: state, who it is, who is online. */
import { signal } from "@preact/signals";
import type { Refused } from "../i18n";
import type { ErrorCode, Links, Role } from "../schema.gen";

export type ConnectionState = "connecting" | "online" | "offline" | "lobby";

export interface Me {
  meetingId: string;
  participantId: string | null;
  role: Role | "screen";
  /** False while waiting in the lobby. */
  admitted: boolean;
}

/** Why this device is out of the meeting for good: a `goodbye`, or the server refused it. */
export interface Ended {
  code: ErrorCode | string;
  reason: "goodbye" | "refused";
}

export const connection = signal<ConnectionState>("connecting");
export const me = signal<Me | null>(null);
export const presence = signal<ReadonlySet<string>>(new Set());
export const links = signal<Links | null>(null);
export const ended = signal<Ended | null>(null);
/** The last rejected intent's refusal, shown until dismissed. */
export const notice = signal<Refused | null>(null);
