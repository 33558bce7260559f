import { describe, expect, it } from "vitest";
import type { Person, Sector } from "../schema.gen";
import { CENTRE, layoutNetwork, placementAt, pointOf, RING, SECTORS, stepRing } from "./network";

function placed(id: string, ring: number, sector: Sector, angle = 0.5): Person {
  return { type: "person", id, name: id, ring, sector, angle };
}

describe("the network map", () => {
  it("finds the placement a point was drawn at, for every ring and sector", () => {
    for (const sector of SECTORS) {
      for (const ring of [1, 2, 3, 4]) {
        for (const angle of [0, 0.25, 0.5, 1]) {
          expect(placementAt(pointOf({ ring, sector, angle }))).toEqual({ ring, sector, angle });
        }
      }
    }
  });

  it("puts familie top right and fagpersoner top left, clockwise", () => {
    const family = pointOf({ ring: 2, sector: "family", angle: 0.5 });
    const professionals = pointOf({ ring: 2, sector: "professionals", angle: 0.5 });
    expect(family.x).toBeGreaterThan(CENTRE);
    expect(family.y).toBeLessThan(CENTRE);
    expect(professionals.x).toBeLessThan(CENTRE);
    expect(professionals.y).toBeLessThan(CENTRE);
  });

  it("takes a person off the map when dropped on the child", () => {
    expect(placementAt({ x: CENTRE + RING / 2, y: CENTRE })).toBeNull();
  });

  it("keeps a drop beyond the outer ring on the outer ring", () => {
    expect(placementAt({ x: CENTRE, y: CENTRE - RING * 20 })?.ring).toBe(4);
  });

  it("spreads people who share a ring and a sector", () => {
    const points = layoutNetwork([
      placed("birthe", 1, "family"),
      placed("jonas", 1, "family"),
      placed("maria", 2, "family", 0.3),
    ]);
    const a = points.get("birthe")!;
    const b = points.get("jonas")!;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(80);
    expect(points.get("maria")).toEqual(pointOf({ ring: 2, sector: "family", angle: 0.3 }));
  });

  it("leaves the child and those not placed off the rings", () => {
    const child: Person = { ...placed("emil", 1, "family"), focus: true };
    const unplaced: Person = { type: "person", id: "hanne", name: "Hanne" };
    expect(layoutNetwork([child, unplaced]).size).toBe(0);
  });

  it("moves one ring at a time by keyboard, within the map", () => {
    expect(stepRing(null, -1, "friends")).toEqual({ ring: 1, sector: "friends", angle: 0.5 });
    expect(stepRing({ ring: 1, sector: "school", angle: 0.2 }, -1, "family").ring).toBe(1);
    expect(stepRing({ ring: 3, sector: "school", angle: 0.2 }, 1, "family")).toEqual({
      ring: 4,
      sector: "school",
      angle: 0.2,
    });
  });
});
