/** Scaling questions as this client knows them: the scales, this person's own votes (the
 * server sends nobody else's), the follow-up notes, and what the views need from them. */
import { signal } from "@preact/signals";
import { languageOf, type Lang } from "../i18n";
import type { ScaleHistory } from "../net/api";
import type { FollowUp, Intent, Participant, Scale, ScaleNote, Vote } from "../schema.gen";
import { me } from "./connection";
import { overlay, waitingEdit } from "./pending";
import { mayEver } from "./permissions";

export const scales = signal<ReadonlyMap<string, Scale>>(new Map());
export const votes = signal<ReadonlyMap<string, Vote>>(new Map());
export const scaleNotes = signal<ReadonlyMap<string, ScaleNote>>(new Map());

/** The case's scaling questions across its meetings (for the chart); null until loaded. */
export const scaleHistory = signal<readonly ScaleHistory[] | null>(null);

/** Scales in the order they were asked. */
export function scaleList(): Scale[] {
  return [...scales.value.values()].sort((a, b) => a.created_at - b.created_at);
}

/** The question phones answer: the newest one. */
export function latestScale(): Scale | undefined {
  return scaleList().at(-1);
}

/** The question the room's screen shows instead of the board, if any. */
export function screenScale(): Scale | undefined {
  return scaleList().find((scale) => scale.on_screen ?? true);
}

/** This person's answer: the vote on its way (the pending overlay), else the vote the server
 * holds; null = skipped, undefined = not answered. A refused vote leaves the overlay. */
export function myAnswer(scaleId: string, pending: readonly Intent[] = overlay.value): number | null | undefined {
  // Once voting has stopped, only the server's vote counts: a late choice was refused.
  const open = scales.value.get(scaleId)?.status === "open";
  const sent = open ? waitingEdit("scale.vote", (i) => i.scale_id === scaleId, pending) : undefined;
  if (sent) return sent.value ?? null;
  const self = me.value?.participantId;
  const vote = [...votes.value.values()].find((v) => v.scale === scaleId && v.voter === self);
  return vote ? (vote.value ?? null) : undefined;
}

/** Everyone who may answer: the people let in whose role the server's table lets vote. */
export function voterCount(people: ReadonlyMap<string, Participant>): number {
  return [...people.values()].filter(
    (p) => p.admitted && !p.removed && mayEver(p.role, "scale.vote"),
  ).length;
}

export function notesOf(scaleId: string, followUp: FollowUp): ScaleNote[] {
  return [...scaleNotes.value.values()]
    .filter((note) => note.scale === scaleId && note.follow_up === followUp)
    .sort((a, b) => a.created_at - b.created_at);
}

/** Where each value's dots go: values in order, each with its height among equal values. */
export function stacked(values: readonly number[]): { value: number; level: number }[] {
  const seen = new Map<number, number>();
  return [...values]
    .sort((a, b) => a - b)
    .map((value) => {
      const level = seen.get(value) ?? 0;
      seen.set(value, level + 1);
      return { value, level };
    });
}

/** A median the language's way (5,5 in Danish, 5.5 in English, ٥٫٥ in Arabic). */
export function shownNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(languageOf(lang).locale, {
    useGrouping: false,
    maximumFractionDigits: 1,
  }).format(value);
}
