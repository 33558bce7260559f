/** The meeting's running order as this client last heard it: agenda, bekymringsgrundlag, turns,
 * timer and the way notes are written. Each is one entity per meeting. */
import { signal } from "@preact/signals";
import type { Agenda, Concern, Phase, Timer, Turns, Writing } from "../schema.gen";

export const agenda = signal<Agenda | null>(null);
export const concern = signal<Concern | null>(null);
export const turns = signal<Turns | null>(null);
export const timer = signal<Timer | null>(null);
export const writing = signal<Writing | null>(null);
/** Server clock minus this device's clock, in seconds, learned from welcome and acks. */
export const clockOffset = signal(0);

/** Learn the server's clock from a time it sent, taken when the answer arrived. */
export function learnServerTime(serverNow: number | null | undefined, sentAt?: number): void {
  if (typeof serverNow !== "number") return;
  const arrived = Date.now();
  // The server answered somewhere between sending and arriving: take the middle.
  const local = sentAt === undefined ? arrived : (sentAt + arrived) / 2;
  clockOffset.value = serverNow - local / 1000;
}

/** Now on the server's clock, in seconds. */
export function serverNow(): number {
  return Date.now() / 1000 + clockOffset.peek();
}

export function currentPhase(): Phase | null {
  const current = agenda.value;
  if (!current?.current) return null;
  return current.phases.find((phase) => phase.id === current.current) ?? null;
}
