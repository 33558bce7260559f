import { describe, expect, it } from "vitest";
import type { Person, Relation } from "../schema.gen";
import { FAMILIES, HOLM, TWINS, type Family } from "../test/families";
import { isCouple, isParent, layoutGenogram, PITCH, placeInOrder, SYMBOL } from "./genogram";

function laidOut(family: Family) {
  return layoutGenogram(family.persons, family.relations);
}

describe.each(Object.entries(FAMILIES))("the layout of %s", (_name, family) => {
  const { nodes, width, height } = laidOut(family);
  const placed = [...nodes.values()];

  it("places every person inside the drawing", () => {
    expect(placed).toHaveLength(family.persons.length);
    for (const node of placed) {
      expect(node.x).toBeGreaterThanOrEqual(SYMBOL);
      expect(node.y).toBeGreaterThanOrEqual(SYMBOL);
      expect(node.x).toBeLessThanOrEqual(width - SYMBOL);
      expect(node.y).toBeLessThanOrEqual(height - SYMBOL);
    }
  });

  it("never puts two symbols (with their names) on top of each other", () => {
    for (const a of placed) {
      for (const b of placed) {
        if (a.id >= b.id) continue;
        const apart = Math.abs(a.x - b.x) >= PITCH - 0.001 || Math.abs(a.y - b.y) >= SYMBOL * 2;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    }
  });

  it("puts every parent in a row above their child", () => {
    for (const relation of family.relations.filter((r) => isParent(r.kind))) {
      const parent = nodes.get(relation.a)!;
      const child = nodes.get(relation.b)!;
      expect(parent.y, `${relation.a} over ${relation.b}`).toBeLessThan(child.y);
      expect(parent.generation).toBeLessThan(child.generation);
    }
  });

  it("puts partners side by side in one row, with nobody between them", () => {
    for (const relation of family.relations.filter((r) => isCouple(r.kind))) {
      const a = nodes.get(relation.a)!;
      const b = nodes.get(relation.b)!;
      expect(a.y, `${relation.a} and ${relation.b}`).toBe(b.y);
      expect(Math.abs(a.x - b.x)).toBeCloseTo(PITCH, 3);
      const between = placed.filter(
        (n) => n.y === a.y && n.x > Math.min(a.x, b.x) && n.x < Math.max(a.x, b.x),
      );
      expect(between.map((n) => n.id)).toEqual([]);
    }
  });

  it("puts children under their parents", () => {
    const byParents = new Map<string, string[]>();
    for (const person of family.persons) {
      const parents = family.relations
        .filter((r) => isParent(r.kind) && r.b === person.id)
        .map((r) => r.a)
        .sort();
      if (parents.length)
        byParents.set(parents.join("|"), [...(byParents.get(parents.join("|")) ?? []), person.id]);
    }
    for (const [key, children] of byParents) {
      const parentsX = key.split("|").map((id) => nodes.get(id)!.x);
      const childrenX = children.map((id) => nodes.get(id)!.x);
      const middle = parentsX.reduce((a, b) => a + b, 0) / parentsX.length;
      // The middle of the parents lies over the children, give or take one place in the row.
      expect(middle, `${children.join(", ")} under ${key}`).toBeGreaterThanOrEqual(
        Math.min(...childrenX) - PITCH,
      );
      expect(middle, `${children.join(", ")} under ${key}`).toBeLessThanOrEqual(
        Math.max(...childrenX) + PITCH,
      );
    }
  });
});

describe("the genogram rules", () => {
  it("puts three generations of the Holm family in three rows", () => {
    const { nodes } = laidOut(HOLM);
    const row = (id: string) => nodes.get(id)!.generation;
    expect([row("birthe"), row("poul"), row("farmor"), row("farfar")]).toEqual([0, 0, 0, 0]);
    expect([row("sara"), row("thomas"), row("line"), row("jonas"), row("maria")]).toEqual([
      1, 1, 1, 1, 1,
    ]);
    expect([row("emil"), row("alma")]).toEqual([2, 2]);
  });

  it("keeps Thomas between his former and his new partner", () => {
    const { nodes } = laidOut(HOLM);
    const xs = ["sara", "thomas", "line"].map((id) => nodes.get(id)!.x);
    const sorted = [...xs].sort((a, b) => a - b);
    expect(xs[1]).toBe(sorted[1]);
  });

  it("puts twins side by side under their parents", () => {
    const { nodes } = laidOut(TWINS);
    const ida = nodes.get("ida")!;
    const ella = nodes.get("ella")!;
    expect(Math.abs(ida.x - ella.x)).toBeCloseTo(PITCH, 3);
    const parents = (nodes.get("anne")!.x + nodes.get("mads")!.x) / 2;
    expect((ida.x + ella.x) / 2).toBeCloseTo(parents, 0);
  });

  it("adds the facilitator's nudge to the automatic place, and keeps it", () => {
    const before = laidOut(HOLM).nodes;
    const nudged = HOLM.persons.map((person) =>
      person.id === "maria" ? { ...person, dx: 30, dy: -20 } : person,
    );
    const after = layoutGenogram(nudged, HOLM.relations).nodes;
    const shift = (id: string) => ({
      x: after.get(id)!.x - before.get(id)!.x,
      y: after.get(id)!.y - before.get(id)!.y,
    });
    // Maria moves by her nudge relative to the others (the drawing may shift as a whole).
    expect(shift("maria").x - shift("emil").x).toBeCloseTo(30, 3);
    expect(shift("maria").y - shift("emil").y).toBeCloseTo(-20, 3);
  });

  it("draws an empty genogram as an empty drawing", () => {
    expect(layoutGenogram([], []).nodes.size).toBe(0);
  });
});

describe("placeInOrder", () => {
  it("keeps wanted places that have room", () => {
    expect(placeInOrder([0, 500], [0, 0])).toEqual([0, 500]);
  });

  it("spreads places that collide evenly around what they wanted", () => {
    expect(placeInOrder([100, 100], [0, 0])).toEqual([100 - PITCH / 2, 100 + PITCH / 2]);
  });
});

describe("the same family on every device", () => {
  it("does not depend on the order persons and lines arrive in", () => {
    const forwards = layoutGenogram(HOLM.persons, HOLM.relations).nodes;
    const backwards = layoutGenogram(
      [...HOLM.persons].reverse(),
      [...HOLM.relations].reverse(),
    ).nodes;
    for (const [id, node] of forwards) expect(backwards.get(id)).toEqual(node);
  });
});

describe("families drawn at random", () => {
  /** A small deterministic generator, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  /** Families grown generation by generation: couples (some remarried) and their children. */
  function family(seed: number): Family {
    const next = random(seed);
    const persons: Person[] = [];
    const relations: Relation[] = [];
    const add = (born: number): string => {
      const id = `p${persons.length}`;
      persons.push({ type: "person", id, name: id, sex: next() < 0.5 ? "male" : "female", born });
      return id;
    };
    let generation = [add(1940), add(1942)];
    for (let g = 1; g <= 3; g++) {
      const children: string[] = [];
      for (let i = 0; i + 1 < generation.length; i += 2) {
        const [a, b] = [generation[i]!, generation[i + 1]!];
        relations.push({ type: "relation", id: `c${relations.length}`, kind: "married", a, b });
        const count = 1 + Math.floor(next() * 3);
        for (let k = 0; k < count; k++) {
          const child = add(1940 + 25 * g + k);
          for (const parent of next() < 0.8 ? [a, b] : [a]) {
            relations.push({
              type: "relation",
              id: `c${relations.length}`,
              kind: next() < 0.8 ? "biological" : "adopted",
              a: parent,
              b: child,
            });
          }
          children.push(child);
          // Some children bring a partner from outside the family, and some a second one.
          if (next() < 0.6) children.push(add(1940 + 25 * g));
          if (next() < 0.15) {
            const second = add(1940 + 25 * g);
            relations.push({
              type: "relation",
              id: `c${relations.length}`,
              kind: "divorced",
              a: child,
              b: second,
            });
          }
        }
      }
      generation = children;
    }
    return { persons, relations };
  }

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))("keeps the rules for family %i", (seed) => {
    const { persons, relations } = family(seed);
    const { nodes } = layoutGenogram(persons, relations);
    const placed = [...nodes.values()];
    for (const a of placed) {
      for (const b of placed) {
        if (a.id < b.id && a.y === b.y)
          expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(PITCH - 0.001);
      }
    }
    for (const r of relations) {
      const a = nodes.get(r.a)!;
      const b = nodes.get(r.b)!;
      if (isParent(r.kind)) expect(a.y).toBeLessThan(b.y);
      if (isCouple(r.kind)) {
        expect(a.y).toBe(b.y);
        expect(Math.abs(a.x - b.x)).toBeCloseTo(PITCH, 3);
      }
    }
  });
});
