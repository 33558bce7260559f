import { afterEach, describe, expect, it, vi } from "vitest";
import type { Entity } from "../schema.gen";
import { apply, clearEntities, replaceAll } from "./entities";
import {
  agenda,
  clockOffset,
  currentPhase,
  learnServerTime,
  serverNow,
  timer,
  turns,
} from "./facilitation";

const AGENDA: Entity = {
  type: "agenda",
  id: "m1",
  template: "network",
  phases: [
    { id: "welcome", kind: "welcome" },
    { id: "works", kind: "works", title: "Det gode" },
  ],
  current: "works",
};

describe("the running order", () => {
  afterEach(() => {
    clearEntities();
    vi.useRealTimers();
    clockOffset.value = 0;
  });

  it("keeps agenda, turns and timer from changes and snapshots", () => {
    apply([{ type: "upsert", entity: AGENDA }]);
    expect(currentPhase()?.title).toBe("Det gode");
    apply([{ type: "upsert", entity: { type: "turns", id: "m1", speaker: "sara" } }]);
    expect(turns.value?.speaker).toBe("sara");
    replaceAll([{ type: "timer", id: "m1", seconds: 60, ends_at: 100 }]);
    expect(agenda.value).toBeNull();
    expect(timer.value?.ends_at).toBe(100);
  });

  it("counts on the server's clock, taking the middle of the round trip", () => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
    learnServerTime(1_000, 8_000);
    // Sent at 8 s, answered at 10 s: the server said 1000 s at about 9 s local.
    expect(clockOffset.value).toBeCloseTo(991);
    expect(serverNow()).toBeCloseTo(1_001);
  });

  it("ignores answers that carry no server time", () => {
    learnServerTime(undefined);
    expect(clockOffset.value).toBe(0);
  });
});
