import { describe, expect, it } from "vitest";
import { dateLabels, dayOf, dayPositions, dayText } from "./history";

const HOUR = 60 * 60;
/** 3 March 2026, 10:00 UTC: a morning meeting. */
const MARCH_3 = Date.UTC(2026, 2, 3, 10) / 1000;
const DAY_1 = dayOf(MARCH_3);
const LEFT = 80;
const RIGHT = 584;
const GAP = 36;

describe("dayPositions", () => {
  it("puts one meeting in the middle", () => {
    expect(dayPositions([DAY_1], LEFT, RIGHT, GAP)).toEqual([(LEFT + RIGHT) / 2]);
  });

  it("places meetings by date, not evenly", () => {
    // Six weeks, then two weeks: the second gap is a third of the first.
    const xs = dayPositions([DAY_1, DAY_1 + 42, DAY_1 + 56], LEFT, RIGHT, GAP);
    expect(xs[0]).toBeCloseTo(LEFT);
    expect(xs[2]).toBeCloseTo(RIGHT);
    expect(xs[1]! - xs[0]!).toBeCloseTo(3 * (xs[2]! - xs[1]!));
  });

  it("keeps two meetings on the same day apart, around the middle", () => {
    const xs = dayPositions([MARCH_3, MARCH_3 + 3 * HOUR].map(dayOf), LEFT, RIGHT, GAP);
    expect(xs[1]! - xs[0]!).toBeCloseTo(GAP);
    expect((xs[0]! + xs[1]!) / 2).toBeCloseTo((LEFT + RIGHT) / 2);
  });

  it("pushes a same-day pair apart around its date, inside the axis", () => {
    const times = [DAY_1, DAY_1 + 90, DAY_1 + 90];
    const xs = dayPositions(times, LEFT, RIGHT, GAP);
    expect(xs[0]).toBeCloseTo(LEFT);
    expect(xs[2]! - xs[1]!).toBeCloseTo(GAP);
    expect(xs[2]).toBeLessThanOrEqual(RIGHT);
    expect(xs[1]).toBeGreaterThan(xs[0]! + GAP);
  });

  it("spreads evenly when the meetings do not fit apart by date", () => {
    const times = Array.from({ length: 20 }, (_, index) => DAY_1 + index);
    const xs = dayPositions(times, LEFT, RIGHT, GAP);
    expect(xs[0]).toBeCloseTo(LEFT);
    expect(xs[19]).toBeCloseTo(RIGHT);
    for (let index = 1; index < xs.length; index += 1) {
      expect(xs[index]! - xs[index - 1]!).toBeCloseTo((RIGHT - LEFT) / 19);
    }
  });

  it("never puts two points closer than the gap, and keeps their order", () => {
    const times = [0, 0, 1, 10, 10, 30, 31].map((offset) => DAY_1 + offset);
    const xs = dayPositions(times, LEFT, RIGHT, GAP);
    for (let index = 1; index < xs.length; index += 1) {
      expect(xs[index]! - xs[index - 1]!).toBeGreaterThanOrEqual(GAP - 1e-9);
    }
    expect(xs[0]).toBeGreaterThanOrEqual(LEFT - 1e-9);
    expect(xs.at(-1)).toBeLessThanOrEqual(RIGHT + 1e-9);
  });

  it("has nothing to place for no meetings", () => {
    expect(dayPositions([], LEFT, RIGHT, GAP)).toEqual([]);
  });
});

describe("dateLabels", () => {
  it("writes one date under two points on the same day, in their middle", () => {
    expect(dateLabels([300, 340], ["03.03.2026", "03.03.2026"], 96)).toEqual([
      { x: 320, text: "03.03.2026" },
    ]);
  });

  it("leaves out the older of two dates that would run into each other", () => {
    const xs = [80, 150, 400, 584];
    const texts = ["03.03.2026", "10.03.2026", "14.04.2026", "28.04.2026"];
    expect(dateLabels(xs, texts, 96)).toEqual([
      { x: 150, text: "10.03.2026" },
      { x: 400, text: "14.04.2026" },
      { x: 584, text: "28.04.2026" },
    ]);
  });

  it("writes nothing for no meetings", () => {
    expect(dateLabels([], [], 96)).toEqual([]);
  });
});

describe("dayOf", () => {
  it("gives two meetings on one date the same day, and counts days between dates", () => {
    expect(dayOf(MARCH_3 + 2 * HOUR)).toBe(DAY_1);
    expect(dayOf(MARCH_3 + 42 * 24 * HOUR)).toBe(DAY_1 + 42);
  });
});

describe("dayText", () => {
  it("writes the date as dd.mm.yyyy in Danish", () => {
    expect(dayText(MARCH_3, "da")).toBe("03.03.2026");
  });

  it("writes the date as dd/mm/yyyy in English", () => {
    expect(dayText(MARCH_3, "en")).toBe("03/03/2026");
  });
});
