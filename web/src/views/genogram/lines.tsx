/** The genogram's lines: parents to children, couples (separated, divorced), emotional lines
 * and households. */
import type { JSX } from "preact";
import { isParent, ROW, SYMBOL, type Placed } from "../../layout/genogram";
import type { Person, Relation } from "../../schema.gen";
import { INK, MUTED, DASH, EMOTION } from "./symbols";

export function coupleKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The lines from parents down to each child: from a couple's middle, or from one parent. */
export function childLines(
  relations: readonly Relation[],
  nodes: Map<string, Placed>,
  couples: Map<string, Relation>,
): JSX.Element[] {
  const lines: JSX.Element[] = [];
  const byChild = new Map<string, Relation[]>();
  for (const relation of relations) {
    if (!isParent(relation.kind) || !nodes.has(relation.a) || !nodes.has(relation.b)) continue;
    byChild.set(relation.b, [...(byChild.get(relation.b) ?? []), relation]);
  }
  for (const [childId, ups] of byChild) {
    const child = nodes.get(childId)!;
    const left = [...ups];
    while (left.length) {
      const first = left.shift()!;
      const partnerIndex = left.findIndex(
        (other) => couples.has(coupleKey(first.a, other.a)) && other.kind === first.kind,
      );
      const parent = nodes.get(first.a)!;
      let from: { x: number; y: number };
      if (partnerIndex >= 0) {
        const partner = nodes.get(left.splice(partnerIndex, 1)[0]!.a)!;
        from = { x: (parent.x + partner.x) / 2, y: (parent.y + partner.y) / 2 };
      } else {
        from = { x: parent.x, y: parent.y + SYMBOL / 2 + 52 };
      }
      const bar = child.y - SYMBOL / 2 - Math.min(ROW * 0.3, Math.max(16, (child.y - from.y) / 3));
      lines.push(
        <path
          key={`child-${first.id}`}
          d={`M${from.x},${from.y} L${from.x},${bar} L${child.x},${bar} L${child.x},${child.y - SYMBOL / 2}`}
          fill="none"
          stroke={INK}
          stroke-width={2}
          stroke-dasharray={DASH[first.kind]}
          data-kind={first.kind}
        />,
      );
    }
  }
  return lines;
}

export function coupleLine(relation: Relation, a: Placed, b: Placed): JSX.Element {
  const [left, right] = a.x <= b.x ? [a, b] : [b, a];
  const y = (left.y + right.y) / 2;
  const x1 = left.x + SYMBOL / 2;
  const x2 = right.x - SYMBOL / 2;
  const mid = (x1 + x2) / 2 - 14;
  const slashes = relation.kind === "divorced" ? [-5, 5] : relation.kind === "separated" ? [0] : [];
  return (
    <g
      key={`couple-${relation.id}`}
      data-kind={relation.kind}
      data-testid={`couple-${relation.a}-${relation.b}`}
    >
      <path
        d={`M${x1},${left.y} L${x1},${y} L${x2},${y} L${x2},${right.y}`}
        fill="none"
        stroke={INK}
        stroke-width={2.5}
        stroke-dasharray={DASH[relation.kind]}
      />
      {slashes.map((shift) => (
        <line
          key={shift}
          x1={mid + shift - 6}
          y1={y + 10}
          x2={mid + shift + 6}
          y2={y - 10}
          stroke={INK}
          stroke-width={2.5}
        />
      ))}
    </g>
  );
}

/** A curve between two persons, bowed upwards clear of the couple line. */
export function emotionLine(relation: Relation, a: Placed, b: Placed): JSX.Element {
  const colour = EMOTION[relation.kind] ?? INK;
  const from = { x: a.x, y: a.y - SYMBOL / 2 - 4 };
  const to = { x: b.x, y: b.y - SYMBOL / 2 - 4 };
  const control = { x: (from.x + to.x) / 2, y: Math.min(from.y, to.y) - 36 };
  const at = (s: number) => ({
    x: (1 - s) ** 2 * from.x + 2 * (1 - s) * s * control.x + s ** 2 * to.x,
    y: (1 - s) ** 2 * from.y + 2 * (1 - s) * s * control.y + s ** 2 * to.y,
  });
  const curve = (shift: number): string =>
    `M${from.x},${from.y + shift} Q${control.x},${control.y + shift} ${to.x},${to.y + shift}`;
  let body: JSX.Element;
  if (relation.kind === "close") {
    body = (
      <>
        <path d={curve(-3)} fill="none" stroke={colour} stroke-width={2} />
        <path d={curve(3)} fill="none" stroke={colour} stroke-width={2} />
      </>
    );
  } else if (relation.kind === "conflict") {
    const points: string[] = [];
    for (let i = 0; i <= 24; i++) {
      const p = at(i / 24);
      const wiggle = i === 0 || i === 24 ? 0 : i % 2 ? 7 : -7;
      points.push(`${p.x},${p.y + wiggle}`);
    }
    body = <polyline points={points.join(" ")} fill="none" stroke={colour} stroke-width={2.5} />;
  } else if (relation.kind === "distant") {
    body = (
      <path d={curve(0)} fill="none" stroke={colour} stroke-width={2.5} stroke-dasharray="2 7" />
    );
  } else {
    const m = at(0.5);
    body = (
      <>
        <path d={curve(0)} fill="none" stroke={colour} stroke-width={2.5} />
        <path
          d={`M${m.x - 5},${m.y - 11} L${m.x - 5},${m.y + 11} M${m.x + 5},${m.y - 11} L${m.x + 5},${m.y + 11}`}
          stroke={colour}
          stroke-width={3}
        />
      </>
    );
  }
  return (
    <g key={`emotion-${relation.id}`} data-kind={relation.kind}>
      {body}
    </g>
  );
}

export function households(persons: readonly Person[], nodes: Map<string, Placed>): JSX.Element[] {
  const groups = new Map<string, Placed[]>();
  for (const person of persons) {
    const node = nodes.get(person.id);
    if (!person.household || !node) continue;
    groups.set(person.household, [...(groups.get(person.household) ?? []), node]);
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([name, members]) => {
      const pad = SYMBOL / 2 + 10;
      const x1 = Math.min(...members.map((n) => n.x)) - pad;
      const x2 = Math.max(...members.map((n) => n.x)) + pad;
      const y1 = Math.min(...members.map((n) => n.y)) - pad - 6;
      const y2 = Math.max(...members.map((n) => n.y)) + pad + 46;
      return (
        <rect
          key={`household-${name}`}
          x={x1}
          y={y1}
          width={x2 - x1}
          height={y2 - y1}
          rx={22}
          fill="none"
          stroke={MUTED}
          stroke-width={2}
          stroke-dasharray="2 6"
          data-testid="household"
        />
      );
    });
}
