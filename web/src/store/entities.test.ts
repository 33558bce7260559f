import { beforeEach, describe, expect, it } from "vitest";
import { ELSE, HANNE, JONAS, MEETING, card } from "../test/meeting";
import { apply, cards, clearEntities, meeting, participants, replaceAll } from "./entities";
import { timer } from "./facilitation";
import { votes } from "./scaling";

describe("store.apply", () => {
  beforeEach(() => clearEntities());

  it("upsert adds an entity and a second upsert with the same id replaces it", () => {
    apply([{ type: "upsert", entity: card("c1", "works", "Mormor henter hver tirsdag", "a0") }]);
    apply([
      {
        type: "upsert",
        entity: card("c1", "works", "Mormor henter hver tirsdag og torsdag", "a0"),
      },
    ]);
    expect(cards.value.size).toBe(1);
    expect(cards.value.get("c1")?.text).toBe("Mormor henter hver tirsdag og torsdag");
  });

  it("remove deletes by kind and id and leaves the rest", () => {
    apply([
      { type: "upsert", entity: card("c1", "worries", "L. kommer ofte for sent i skole", "a0") },
      { type: "upsert", entity: card("c2", "next", "Møde med skolen inden jul", "a0") },
      { type: "upsert", entity: ELSE },
    ]);
    apply([{ type: "remove", kind: "card", id: "c1" }]);
    expect([...cards.value.keys()]).toEqual(["c2"]);
    expect(participants.value.get(ELSE.id)?.name).toBe("Else");
  });

  it("applies the changes of one op together, in order", () => {
    apply([
      { type: "upsert", entity: MEETING },
      { type: "upsert", entity: JONAS },
      { type: "upsert", entity: { ...JONAS, relation: "lærer i 4.b" } },
    ]);
    expect(meeting.value?.title).toBe("Netværksmøde om L.");
    expect(participants.value.get(JONAS.id)?.relation).toBe("lærer i 4.b");
  });

  it("gives a new map on change so views re-render, and keeps the old one intact", () => {
    apply([{ type: "upsert", entity: card("c1", "works", "Fodbold om onsdagen", "a0") }]);
    const before = cards.value;
    apply([{ type: "remove", kind: "card", id: "c1" }]);
    expect(before.has("c1")).toBe(true);
    expect(cards.value.has("c1")).toBe(false);
  });

  it("a snapshot replaces every entity: what is not in it is gone", () => {
    apply([
      { type: "upsert", entity: MEETING },
      { type: "upsert", entity: ELSE },
      { type: "upsert", entity: card("old", "worries", "Gammel note", "a0") },
    ]);
    replaceAll([
      { ...MEETING, auto_admit: true },
      HANNE,
      card("new", "next", "Else ringer til skolen", "a0"),
    ]);
    expect(meeting.value?.auto_admit).toBe(true);
    expect([...participants.value.keys()]).toEqual([HANNE.id]);
    expect([...cards.value.keys()]).toEqual(["new"]);
  });

  it("keeps an entity there is one of (the timer) in its own store, and a snapshot without it clears it", () => {
    apply([
      { type: "upsert", entity: { type: "timer", id: MEETING.id, seconds: 300, label: "Runde" } },
    ]);
    expect(timer.value?.label).toBe("Runde");
    replaceAll([MEETING]);
    expect(timer.value).toBeNull();
    expect(meeting.value?.id).toBe(MEETING.id);
  });

  it("puts and removes a feature's entities (a vote) by the same table as the board's", () => {
    const vote = { type: "vote" as const, id: "v1", scale: "s1", voter: ELSE.id, value: 7, at: 1 };
    apply([{ type: "upsert", entity: vote }]);
    expect(votes.value.get("v1")?.value).toBe(7);
    apply([{ type: "remove", kind: "vote", id: "v1" }]);
    expect(votes.value.size).toBe(0);
  });

  it("leaves a map as it is when a remove names nothing it holds", () => {
    apply([{ type: "upsert", entity: card("c1", "works", "Fodbold om onsdagen", "a0") }]);
    const before = cards.value;
    apply([{ type: "remove", kind: "card", id: "not-here" }]);
    expect(cards.value).toBe(before);
  });

  it("clears a one-of-a-kind entity only when the remove names it", () => {
    apply([{ type: "upsert", entity: MEETING }]);
    apply([{ type: "remove", kind: "meeting", id: "another-meeting" }]);
    expect(meeting.value?.id).toBe(MEETING.id);
    apply([{ type: "remove", kind: "meeting", id: MEETING.id }]);
    expect(meeting.value).toBeNull();
  });
});
