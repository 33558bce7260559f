/** Where a phone is on its way into a meeting: code, form, in the meeting, or turned away. */
import { signal } from "@preact/signals";

export type JoinStep =
  | { kind: "code" }
  | { kind: "loading" }
  | { kind: "form"; joinToken: string; meetingId: string; title: string }
  | { kind: "meeting"; meetingId: string; title: string }
  | { kind: "gone"; why: "link" | "goodbye" | "refused" | "closed" | "deleted" };

export const joinStep = signal<JoinStep>({ kind: "loading" });
