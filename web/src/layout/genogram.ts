/**
 * Where each person of a genogram goes. Pure: persons and relations in, coordinates out.
 *
 * dagre orders each generation so that lines cross little; our genogram rules then decide the
 * rest: a row per generation (parents above their children, partners in the same row), partners
 * side by side, children centred under their parents, and never two symbols on top of each
 * other. The facilitator's nudge (dx, dy on the person) is added last, so it survives re-layout.
 */
import dagre from "@dagrejs/dagre";
import {
  COUPLE_KINDS,
  PARENT_KINDS,
  type Person,
  type Relation,
  type RelationKind,
} from "../schema.gen";

/** A symbol's side (square) or diameter (circle), in SVG units. */
export const SYMBOL = 56;
/** The distance between two neighbours' centres in a row: a symbol and room for its name. */
export const PITCH = 132;
/** The distance between two generations' rows. */
export const ROW = 190;
/** Room around the drawing. */
export const MARGIN = 90;

export const isCouple = (kind: RelationKind): boolean => COUPLE_KINDS.includes(kind);
export const isParent = (kind: RelationKind): boolean => PARENT_KINDS.includes(kind);

export interface Placed {
  id: string;
  /** Centre of the symbol, nudge included. */
  x: number;
  y: number;
  generation: number;
}

export interface GenogramLayout {
  nodes: Map<string, Placed>;
  width: number;
  height: number;
}

interface Graph {
  ids: string[];
  parentsOf: Map<string, string[]>;
  childrenOf: Map<string, string[]>;
  partnersOf: Map<string, string[]>;
}

function graphOf(persons: readonly Person[], relations: readonly Relation[]): Graph {
  const ids = persons.map((person) => person.id);
  const known = new Set(ids);
  const parentsOf = new Map<string, string[]>(ids.map((id) => [id, []]));
  const childrenOf = new Map<string, string[]>(ids.map((id) => [id, []]));
  const partnersOf = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const relation of relations) {
    if (!known.has(relation.a) || !known.has(relation.b) || relation.a === relation.b) continue;
    if (isParent(relation.kind)) {
      parentsOf.get(relation.b)!.push(relation.a);
      childrenOf.get(relation.a)!.push(relation.b);
    } else if (isCouple(relation.kind)) {
      partnersOf.get(relation.a)!.push(relation.b);
      partnersOf.get(relation.b)!.push(relation.a);
    }
  }
  return { ids, parentsOf, childrenOf, partnersOf };
}

/**
 * Each person's generation (0 is the top row): a child is below each parent, partners share a
 * row, and a parent with no parents of their own sits right above their children.
 */
function generations(graph: Graph): Map<string, number> {
  const gen = new Map<string, number>(graph.ids.map((id) => [id, 0]));
  // The server refuses ancestry loops; the bound keeps odd data (a couple that is also parent
  // and child) from looping here.
  for (let round = 0; round < graph.ids.length * 2 + 4; round++) {
    let changed = false;
    const raise = (id: string, to: number): void => {
      if (to > gen.get(id)! && to <= graph.ids.length * 2) {
        gen.set(id, to);
        changed = true;
      }
    };
    for (const id of graph.ids) {
      for (const parent of graph.parentsOf.get(id)!) raise(id, gen.get(parent)! + 1);
      for (const partner of graph.partnersOf.get(id)!) raise(id, gen.get(partner)!);
      const children = graph.childrenOf.get(id)!;
      if (children.length && graph.parentsOf.get(id)!.length === 0) {
        raise(id, Math.min(...children.map((child) => gen.get(child)!)) - 1);
      }
    }
    if (!changed) break;
  }
  return gen;
}

/** The x order dagre finds for the family as a layered graph. */
function dagreX(graph: Graph): Map<string, number> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: PITCH - SYMBOL, ranksep: ROW / 2 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of graph.ids) g.setNode(id, { width: SYMBOL, height: SYMBOL });
  for (const id of graph.ids) {
    const parents = [...graph.parentsOf.get(id)!].sort();
    if (parents.length === 0) continue;
    // Children of the same parents hang from one point: their parents' union.
    const union = `union:${parents.join("|")}`;
    if (!g.hasNode(union)) {
      g.setNode(union, { width: 1, height: 1 });
      for (const parent of parents) g.setEdge(parent, union, { minlen: 1, weight: 2 });
    }
    g.setEdge(union, id, { minlen: 1, weight: 1 });
  }
  for (const id of graph.ids) {
    for (const partner of graph.partnersOf.get(id)!) {
      if (id < partner) {
        const couple = `couple:${id}|${partner}`;
        g.setNode(couple, { width: 1, height: 1 });
        g.setEdge(id, couple, { minlen: 1, weight: 4 });
        g.setEdge(partner, couple, { minlen: 1, weight: 4 });
      }
    }
  }
  dagre.layout(g);
  return new Map(graph.ids.map((id) => [id, g.node(id).x]));
}

/** Partners in one row, as groups laid side by side: a chain (Sara–Thomas–Line) in chain order. */
function coupleUnits(row: readonly string[], graph: Graph, x: Map<string, number>): string[][] {
  const inRow = new Set(row);
  const seen = new Set<string>();
  const units: string[][] = [];
  const partners = (id: string): string[] =>
    graph.partnersOf.get(id)!.filter((other) => inRow.has(other));
  for (const start of row) {
    if (seen.has(start)) continue;
    const members: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const id = stack.pop()!;
      members.push(id);
      for (const other of partners(id)) {
        if (!seen.has(other)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
    units.push(orderUnit(members, partners, x));
  }
  const centre = (unit: string[]): number =>
    unit.reduce((sum, id) => sum + x.get(id)!, 0) / unit.length;
  return units.sort((a, b) => centre(a) - centre(b) || (a[0]! < b[0]! ? -1 : 1));
}

function orderUnit(
  members: string[],
  partners: (id: string) => string[],
  x: Map<string, number>,
): string[] {
  if (members.length <= 2) return members.sort((a, b) => x.get(a)! - x.get(b)!);
  const degree = (id: string): number => new Set(partners(id)).size;
  const ends = members.filter((id) => degree(id) === 1);
  if (ends.length === 2 && members.every((id) => degree(id) <= 2)) {
    // A chain: walk it from the end dagre put further left.
    const first = x.get(ends[0]!)! <= x.get(ends[1]!)! ? ends[0]! : ends[1]!;
    const chain = [first];
    while (chain.length < members.length) {
      const next = partners(chain[chain.length - 1]!).find((id) => !chain.includes(id));
      if (next === undefined) break;
      chain.push(next);
    }
    if (chain.length === members.length) return chain;
  }
  // Someone with three or more partners: them in the middle, the partners on both sides.
  const hub = [...members].sort((a, b) => degree(b) - degree(a))[0]!;
  const rest = members.filter((id) => id !== hub).sort((a, b) => x.get(a)! - x.get(b)!);
  const half = Math.ceil(rest.length / 2);
  return [...rest.slice(0, half), hub, ...rest.slice(half)];
}

/**
 * Left edges for blocks kept in order, each at least its width plus the pitch from the last,
 * as close as possible (least squares) to the wanted left edges: isotonic regression (pool
 * adjacent violators) on the wanted positions minus the room the blocks before need.
 */
export function placeInOrder(wanted: readonly number[], widths: readonly number[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (let i = 0; i < wanted.length; i++) {
    offsets.push(offset);
    offset += widths[i]! + PITCH;
  }
  const pools: { sum: number; count: number }[] = [];
  for (let i = 0; i < wanted.length; i++) {
    pools.push({ sum: wanted[i]! - offsets[i]!, count: 1 });
    while (pools.length > 1) {
      const last = pools[pools.length - 1]!;
      const before = pools[pools.length - 2]!;
      if (before.sum / before.count <= last.sum / last.count) break;
      before.sum += last.sum;
      before.count += last.count;
      pools.pop();
    }
  }
  const placed: number[] = [];
  for (const pool of pools) {
    for (let k = 0; k < pool.count; k++)
      placed.push(pool.sum / pool.count + offsets[placed.length]!);
  }
  return placed;
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Lay out the genogram: `persons` are those drawn (in_genogram), `relations` all lines. */
export function layoutGenogram(
  persons: readonly Person[],
  relations: readonly Relation[],
): GenogramLayout {
  // The same family must look the same on every device, whatever order its entities came in.
  const byKey = <T extends { id: string }>(a: T, b: T): number =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const graph = graphOf([...persons].sort(byKey), [...relations].sort(byKey));
  const gen = generations(graph);
  const guess = graph.ids.length ? dagreX(graph) : new Map<string, number>();
  const depth = Math.max(0, ...gen.values());
  const rows: string[][][] = [];
  for (let g = 0; g <= depth; g++) {
    const row = graph.ids.filter((id) => gen.get(id) === g);
    rows.push(coupleUnits(row, graph, guess));
  }
  const x = new Map(guess);

  const placeRow = (units: string[][], wantedCentre: (unit: string[]) => number | null): void => {
    const widths = units.map((unit) => (unit.length - 1) * PITCH);
    const wanted = units.map((unit, i) => {
      const centre = wantedCentre(unit) ?? mean(unit.map((id) => x.get(id)!))!;
      return centre - widths[i]! / 2;
    });
    placeInOrder(wanted, widths).forEach((left, i) => {
      units[i]!.forEach((id, k) => x.set(id, left + k * PITCH));
    });
  };
  const underParents = (unit: string[]): number | null =>
    mean(
      unit.flatMap((id) => {
        const parents = graph.parentsOf.get(id)!.filter((p) => gen.get(p)! < gen.get(id)!);
        return parents.length ? [mean(parents.map((p) => x.get(p)!))!] : [];
      }),
    );
  const overChildren = (unit: string[]): number | null => {
    const children = unit.flatMap((id) => graph.childrenOf.get(id)!);
    const own = mean(unit.map((id) => x.get(id)!))!;
    const below = mean(children.map((child) => x.get(child)!));
    // A couple's children hang from the middle of the couple: centre it over them.
    return below === null ? null : (own + below) / 2;
  };

  rows.forEach((units) => placeRow(units, () => null));
  for (let pass = 0; pass < 4; pass++) {
    for (let g = depth - 1; g >= 0; g--) placeRow(rows[g]!, overChildren);
    for (let g = 1; g <= depth; g++) placeRow(rows[g]!, underParents);
  }

  const byId = new Map(persons.map((person) => [person.id, person]));
  const left = Math.min(...graph.ids.map((id) => x.get(id)! + (byId.get(id)!.dx ?? 0)));
  const top = Math.min(...graph.ids.map((id) => gen.get(id)! * ROW + (byId.get(id)!.dy ?? 0)));
  const nodes = new Map<string, Placed>();
  for (const id of graph.ids) {
    const person = byId.get(id)!;
    nodes.set(id, {
      id,
      x: x.get(id)! + (person.dx ?? 0) - left + MARGIN,
      y: gen.get(id)! * ROW + (person.dy ?? 0) - top + MARGIN,
      generation: gen.get(id)!,
    });
  }
  const placed = [...nodes.values()];
  return {
    nodes,
    width: placed.length ? Math.max(...placed.map((n) => n.x)) + MARGIN : 2 * MARGIN,
    height: placed.length ? Math.max(...placed.map((n) => n.y)) + MARGIN + 40 : 2 * MARGIN,
  };
}
