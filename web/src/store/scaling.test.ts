import { beforeEach, describe, expect, it } from "vitest";
import type { Intent, Participant, Scale } from "../schema.gen";
import { me } from "./connection";
import { apply, clearEntities, replaceAll } from "./entities";
import { queued } from "./pending";
import { permissionTable } from "./permissions";
import {
  latestScale,
  myAnswer,
  scales,
  screenScale,
  shownNumber,
  stacked,
  voterCount,
  votes,
} from "./scaling";

function scale(id: string, at: number, extra: Partial<Scale> = {}): Scale {
  return {
    type: "scale",
    id,
    key: "safety",
    preset: "safety",
    kind: "number",
    question: "Hvor sikkert er det for Emil i dag?",
    low: "Det er helt sikkert, at Emil bliver skadet",
    high: "Sagen kan lukkes",
    anonymous: true,
    status: "open",
    answered: 0,
    skipped: 0,
    results: [],
    median: null,
    on_screen: true,
    created_at: at,
    ...extra,
  };
}

function vote(scaleId: string, value: number | null): Intent {
  return { type: "scale.vote", id: `op-${scaleId}-${value}`, scale_id: scaleId, vote_id: "v", value };
}

describe("scaling in the store", () => {
  beforeEach(() => {
    clearEntities();
    queued.value = [];
    me.value = { meetingId: "m", participantId: "sara", role: "familie", admitted: true };
  });

  it("keeps scales, the person's own vote and removals apart from the board", () => {
    apply([
      { type: "upsert", entity: scale("s1", 1) },
      { type: "upsert", entity: scale("s2", 2, { on_screen: false }) },
      {
        type: "upsert",
        entity: { type: "vote", id: "v", scale: "s1", voter: "sara", value: 6, at: 3 },
      },
    ]);
    expect(latestScale()?.id).toBe("s2");
    expect(screenScale()?.id).toBe("s1");
    expect(myAnswer("s1")).toBe(6);
    expect(myAnswer("s2")).toBeUndefined();
    apply([{ type: "remove", kind: "vote", id: "v" }]);
    expect(votes.value.size).toBe(0);
  });

  it("shows a choice at once from the pending overlay, and a skip as null", () => {
    apply([{ type: "upsert", entity: scale("s1", 1) }]);
    queued.value = [vote("s1", null)];
    expect(myAnswer("s1")).toBeNull();
    queued.value = [vote("s1", null), vote("s1", 4)];
    expect(myAnswer("s1")).toBe(4);
  });

  it("drops a refused vote: the overlay no longer holds it", () => {
    apply([{ type: "upsert", entity: scale("s1", 1) }]);
    queued.value = [vote("s1", 7)];
    expect(myAnswer("s1")).toBe(7);
    queued.value = [];
    expect(myAnswer("s1")).toBeUndefined();
  });

  it("forgets a choice made too late, once voting has stopped", () => {
    apply([{ type: "upsert", entity: scale("s1", 1) }]);
    queued.value = [vote("s1", 9)];
    apply([
      {
        type: "upsert",
        entity: { type: "vote", id: "v", scale: "s1", voter: "sara", value: 6, at: 2 },
      },
      { type: "upsert", entity: scale("s1", 1, { status: "closed", answered: 1 }) },
    ]);
    expect(myAnswer("s1")).toBe(6);
  });

  it("starts over from a snapshot", () => {
    apply([{ type: "upsert", entity: scale("old", 1) }]);
    replaceAll([scale("new", 2)]);
    expect([...scales.value.keys()]).toEqual(["new"]);
  });

  it("stacks equal votes and writes medians the Danish way", () => {
    expect(stacked([7, 3, 7, 5, 7])).toEqual([
      { value: 3, level: 0 },
      { value: 5, level: 0 },
      { value: 7, level: 0 },
      { value: 7, level: 1 },
      { value: 7, level: 2 },
    ]);
    expect(shownNumber(5.5, "da")).toBe("5,5");
    expect(shownNumber(6, "da")).toBe("6");
    expect(shownNumber(5.5, "en")).toBe("5.5");
  });
});

describe("who may answer", () => {
  function person(id: string, role: Participant["role"], extra: Partial<Participant> = {}) {
    const made = { type: "participant", id, name: id, role, relation: "", remote: false };
    return { ...made, admitted: true, joined_at: 1, ...extra } as Participant;
  }

  it("counts the people let in whose role the server's table lets vote", () => {
    permissionTable.value = { "scale.vote": { roles: ["familie", "privat", "fagperson"] } };
    const people = new Map(
      [
        person("louise", "facilitator"),
        person("sara", "familie"),
        person("birthe", "privat"),
        person("mette", "fagperson"),
        person("katrine", "raadgiver"),
        person("hanne", "privat", { admitted: false }),
        person("thomas", "familie", { removed: true }),
      ].map((p) => [p.id, p]),
    );
    expect(voterCount(people)).toBe(3);
    permissionTable.value = {};
    expect(voterCount(people)).toBe(0);
  });
});
