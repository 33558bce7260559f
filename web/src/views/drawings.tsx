/**
 * The genogram and the network map as SVG, drawn with presentation attributes only, so that the
 * same element saved as a file is a complete drawing (and the CSP needs no inline style).
 */
import { useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import { t, type MessageKey } from "../i18n";
import {
  isCouple,
  isParent,
  layoutGenogram,
  PITCH,
  ROW,
  SYMBOL,
  type Placed,
} from "../layout/genogram";
import {
  CENTRE,
  layoutNetwork,
  MAP_SIZE,
  placementAt,
  RING,
  RINGS,
  SECTORS,
  type Placement,
} from "../layout/network";
import type { Person, Relation, RelationKind, Sex } from "../schema.gen";
import { capture, toDrawing, usePanZoom } from "./panzoom";

const INK = "#1f2937";
const MUTED = "#4b5563";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const DASH: Partial<Record<RelationKind, string>> = {
  cohabiting: "10 6",
  adopted: "10 6",
  foster: "3 6",
};
const EMOTION: Record<string, string> = {
  close: "#15803d",
  conflict: "#b91c1c",
  distant: "#6b7280",
  cut_off: "#1f2937",
};

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function years(person: Person): string {
  if (person.deceased) {
    if (person.born != null && person.died != null) return `${person.born}–${person.died}`;
    if (person.died != null) return `† ${person.died}`;
    return person.born != null ? `f. ${person.born} †` : "†";
  }
  return person.born != null ? `f. ${person.born}` : "";
}

/** A square, circle or diamond; a cross when deceased; a second outline for the child in focus. */
export function PersonSymbol({
  person,
  x,
  y,
  size,
}: {
  person: Person;
  x: number;
  y: number;
  size: number;
}) {
  const half = size / 2;
  const shape = (grow: number, key: string): JSX.Element => {
    const h = half + grow;
    const common = { key, fill: grow ? "none" : "#ffffff", stroke: INK, "stroke-width": 2.5 };
    const sex: Sex = person.sex ?? "unknown";
    if (sex === "male")
      return <rect x={x - h} y={y - h} width={2 * h} height={2 * h} {...common} />;
    if (sex === "female") return <circle cx={x} cy={y} r={h} {...common} />;
    const d = h * 1.2;
    return (
      <polygon points={`${x},${y - d} ${x + d},${y} ${x},${y + d} ${x - d},${y}`} {...common} />
    );
  };
  const cross = half * (person.sex === "female" ? 0.72 : 0.9);
  return (
    <g>
      {shape(0, "inner")}
      {person.focus && shape(7, "outer")}
      {(person.sex ?? "unknown") === "unknown" && (
        <text
          x={x}
          y={y + 8}
          text-anchor="middle"
          font-size={size * 0.45}
          fill={INK}
          font-family={FONT}
        >
          ?
        </text>
      )}
      {person.deceased && (
        <path
          d={`M${x - cross},${y - cross} L${x + cross},${y + cross} M${x + cross},${y - cross} L${x - cross},${y + cross}`}
          stroke={INK}
          stroke-width={2.5}
        />
      )}
    </g>
  );
}

/** The drawing in words, for screen readers (the SVG's <desc>). */
function describeGenogram(persons: readonly Person[], relations: readonly Relation[]): string {
  const names = new Map(persons.map((person) => [person.id, person.name]));
  const people = persons.map((person) =>
    [person.name, years(person), person.focus ? t("geno.focus") : ""].filter(Boolean).join(", "),
  );
  const lines = relations
    .filter((r) => names.has(r.a) && names.has(r.b))
    .map((r) =>
      isParent(r.kind)
        ? `${t("geno.parentOf", { parent: names.get(r.a)!, child: names.get(r.b)! })} (${t(`geno.kind.${r.kind}` as MessageKey)})`
        : `${names.get(r.a)} – ${names.get(r.b)}: ${t(`geno.kind.${r.kind}` as MessageKey)}`,
    );
  return [...people, ...lines].join(". ");
}

function describeNetwork(persons: readonly Person[]): string {
  return persons
    .filter((p) => p.ring != null && p.sector != null && !p.focus)
    .map((p) =>
      [
        p.name,
        t("net.placed", { ring: p.ring!, sector: t(`net.sector.${p.sector!}` as MessageKey) }),
        p.can_help ?? "",
      ]
        .filter(Boolean)
        .join(", "),
    )
    .join(". ");
}

// -- the genogram ------------------------------------------------------------------------------

interface GenogramProps {
  persons: readonly Person[];
  relations: readonly Relation[];
  title: string;
  testId: string;
  /** The facilitator's view: persons can be picked and dragged (kept as a nudge). */
  onSelect?: (personId: string) => void;
  onNudge?: (personId: string, dx: number, dy: number) => void;
  selected?: string | null;
  /** Phones and the facilitator: pinch-zoom and pan. */
  zoomable?: boolean;
}

function coupleKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The lines from parents down to each child: from a couple's middle, or from one parent. */
function childLines(
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

function coupleLine(relation: Relation, a: Placed, b: Placed): JSX.Element {
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
function emotionLine(relation: Relation, a: Placed, b: Placed): JSX.Element {
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

function households(persons: readonly Person[], nodes: Map<string, Placed>): JSX.Element[] {
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

export function GenogramSvg(props: GenogramProps) {
  const { persons, relations, title, testId, onSelect, onNudge, selected, zoomable } = props;
  const layout = layoutGenogram(persons, relations);
  const width = Math.max(layout.width, PITCH * 3);
  const height = Math.max(layout.height, ROW * 1.5);
  const pan = usePanZoom({ x: 0, y: 0, w: width, h: height });
  const [drag, setDrag] = useState<{
    id: string;
    start: { x: number; y: number };
    by: { x: number; y: number };
  } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const nodes = new Map(layout.nodes);
  if (drag) {
    const node = nodes.get(drag.id);
    if (node) nodes.set(drag.id, { ...node, x: node.x + drag.by.x, y: node.y + drag.by.y });
  }
  const couples = new Map<string, Relation>();
  for (const relation of relations) {
    if (isCouple(relation.kind)) couples.set(coupleKey(relation.a, relation.b), relation);
  }
  const both = (relation: Relation) => nodes.has(relation.a) && nodes.has(relation.b);
  const byId = new Map(persons.map((person) => [person.id, person]));

  // The persons come with this device's nudges on their way laid over (the pending overlay),
  // so arrow keys pressed faster than the server answers build on the nudge already sent.
  const nudged = (person: Person): { dx: number; dy: number } => ({
    dx: person.dx ?? 0,
    dy: person.dy ?? 0,
  });
  const nudge = (person: Person, dx: number, dy: number): void => {
    onNudge?.(person.id, dx, dy);
  };

  const personEvents = (person: Person) => {
    if (!onSelect) return {};
    return {
      onPointerDown: (event: PointerEvent) => {
        event.stopPropagation();
        const svg = svgRef.current;
        if (!svg) return;
        capture(event);
        const at = toDrawing(svg, event.clientX, event.clientY);
        setDrag({ id: person.id, start: at, by: { x: 0, y: 0 } });
        onSelect(person.id);
      },
      onPointerMove: (event: PointerEvent) => {
        event.stopPropagation();
        const svg = svgRef.current;
        if (!svg || drag?.id !== person.id) return;
        const at = toDrawing(svg, event.clientX, event.clientY);
        setDrag({ ...drag, by: { x: at.x - drag.start.x, y: at.y - drag.start.y } });
      },
      onPointerUp: (event: PointerEvent) => {
        event.stopPropagation();
        if (drag?.id === person.id && Math.hypot(drag.by.x, drag.by.y) > 4) {
          const from = nudged(person);
          nudge(person, from.dx + drag.by.x, from.dy + drag.by.y);
        }
        setDrag(null);
      },
      onKeyDown: (event: KeyboardEvent) => {
        const steps: Record<string, [number, number]> = {
          ArrowLeft: [-10, 0],
          ArrowRight: [10, 0],
          ArrowUp: [0, -10],
          ArrowDown: [0, 10],
        };
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onSelect(person.id);
        } else if (steps[event.key] && onNudge) {
          event.preventDefault();
          const [dx, dy] = steps[event.key]!;
          const from = nudged(person);
          nudge(person, from.dx + dx, from.dy + dy);
        }
      },
    };
  };

  return (
    <div class={`drawing ${zoomable ? "drawing--zoomable" : ""}`}>
      {zoomable && (
        <div class="drawing__tools">
          <button
            type="button"
            class="button button--small"
            onClick={pan.zoomIn}
            aria-label={t("geno.zoomIn")}
          >
            +
          </button>
          <button
            type="button"
            class="button button--small"
            onClick={pan.zoomOut}
            aria-label={t("geno.zoomOut")}
          >
            −
          </button>
          {pan.zoomed && (
            <button type="button" class="button button--small" onClick={pan.reset}>
              {t("geno.zoomReset")}
            </button>
          )}
        </div>
      )}
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        viewBox={zoomable ? pan.viewBox : `0 0 ${width} ${height}`}
        width={width}
        height={height}
        class="drawing__svg"
        // A picture, unless its people are buttons: an image's children are hidden from
        // assistive technology, a group's are not.
        role={onSelect ? "group" : "img"}
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
        font-family={FONT}
        {...(zoomable ? pan.handlers : {})}
      >
        <title id={`${testId}-title`}>{title}</title>
        <desc>{describeGenogram(persons, relations)}</desc>
        <rect x={-10000} y={-10000} width={20000} height={20000} fill="#ffffff" />
        {households(persons, nodes)}
        {relations
          .filter((r) => isCouple(r.kind) && both(r))
          .map((r) => coupleLine(r, nodes.get(r.a)!, nodes.get(r.b)!))}
        {childLines(relations, nodes, couples)}
        {relations
          .filter((r) => !isCouple(r.kind) && !isParent(r.kind) && both(r))
          .map((r) => emotionLine(r, nodes.get(r.a)!, nodes.get(r.b)!))}
        {[...nodes.values()].map((node) => {
          const person = byId.get(node.id)!;
          const label = [person.name, years(person)].filter(Boolean).join(", ");
          return (
            <g
              key={node.id}
              data-testid="geno-person"
              data-person={person.id}
              data-name={person.name}
              data-generation={node.generation}
              data-x={Math.round(node.x)}
              data-y={Math.round(node.y)}
              class={onSelect ? "drawing__person" : undefined}
              {...(onSelect
                ? {
                    tabindex: 0,
                    role: "button",
                    "aria-label": label,
                    "aria-pressed": selected === person.id,
                  }
                : {})}
              {...personEvents(person)}
            >
              {selected === person.id && (
                <rect
                  x={node.x - SYMBOL / 2 - 14}
                  y={node.y - SYMBOL / 2 - 14}
                  width={SYMBOL + 28}
                  height={SYMBOL + 28}
                  rx={10}
                  fill="#dbeafe"
                />
              )}
              <PersonSymbol person={person} x={node.x} y={node.y} size={SYMBOL} />
              <title>{[label, person.note].filter(Boolean).join(" – ")}</title>
              <text
                x={node.x}
                y={node.y + SYMBOL / 2 + 24}
                text-anchor="middle"
                font-size={20}
                font-weight={700}
                fill={INK}
              >
                {short(person.name, 12)}
                {/* A word break between name and years, so the button's visible text reads as its
                 * name "Birthe, f. 1964" does (WCAG 2.5.3, label in name). */}
                {" "}
              </text>
              <text
                x={node.x}
                y={node.y + SYMBOL / 2 + 46}
                text-anchor="middle"
                font-size={16}
                fill={MUTED}
              >
                {years(person)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

// -- the network map ---------------------------------------------------------------------------

interface NetworkProps {
  persons: readonly Person[];
  child: Person | undefined;
  title: string;
  testId: string;
  onPlace?: (personId: string, placement: Placement | null) => void;
  zoomable?: boolean;
}

const SECTOR_LABEL_KEYS = {
  family: "net.sector.family",
  friends: "net.sector.friends",
  school: "net.sector.school",
  professionals: "net.sector.professionals",
} as const;

export function NetworkSvg({ persons, child, title, testId, onPlace, zoomable }: NetworkProps) {
  const points = layoutNetwork(persons);
  const pan = usePanZoom({ x: 0, y: 0, w: MAP_SIZE, h: MAP_SIZE });
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  const corners = [
    { x: MAP_SIZE - 16, y: 34, anchor: "end" },
    { x: MAP_SIZE - 16, y: MAP_SIZE - 18, anchor: "end" },
    { x: 16, y: MAP_SIZE - 18, anchor: "start" },
    { x: 16, y: 34, anchor: "start" },
  ];
  const events = (person: Person) => {
    if (!onPlace) return {};
    return {
      onPointerDown: (event: PointerEvent) => {
        event.stopPropagation();
        const svg = svgRef.current;
        if (!svg) return;
        capture(event);
        setDrag({ id: person.id, at: toDrawing(svg, event.clientX, event.clientY) });
      },
      onPointerMove: (event: PointerEvent) => {
        event.stopPropagation();
        const svg = svgRef.current;
        if (!svg || drag?.id !== person.id) return;
        setDrag({ id: person.id, at: toDrawing(svg, event.clientX, event.clientY) });
      },
      onPointerUp: (event: PointerEvent) => {
        event.stopPropagation();
        if (drag?.id === person.id) onPlace(person.id, placementAt(drag.at));
        setDrag(null);
      },
    };
  };
  return (
    <div class={`drawing ${zoomable ? "drawing--zoomable" : ""}`}>
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        viewBox={zoomable ? pan.viewBox : `0 0 ${MAP_SIZE} ${MAP_SIZE}`}
        width={MAP_SIZE}
        height={MAP_SIZE}
        class="drawing__svg"
        role="img"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
        font-family={FONT}
        {...(zoomable ? pan.handlers : {})}
      >
        <title id={`${testId}-title`}>{title}</title>
        <desc>{describeNetwork(persons)}</desc>
        <rect x={-10000} y={-10000} width={20000} height={20000} fill="#ffffff" />
        {Array.from({ length: RINGS }, (_, i) => RINGS - i).map((ring) => (
          <circle
            key={ring}
            cx={CENTRE}
            cy={CENTRE}
            r={RING * (ring + 1)}
            fill={["#eef2ff", "#f5f7ff", "#fafbff", "#ffffff"][ring - 1]}
            stroke="#c7d2fe"
            stroke-width={2}
          />
        ))}
        {[0, 1, 2, 3].map((i) => {
          const turn = (i * Math.PI) / 2;
          return (
            <line
              key={i}
              x1={CENTRE + RING * Math.sin(turn)}
              y1={CENTRE - RING * Math.cos(turn)}
              x2={CENTRE + RING * (RINGS + 1) * Math.sin(turn)}
              y2={CENTRE - RING * (RINGS + 1) * Math.cos(turn)}
              stroke="#a5b4fc"
              stroke-width={2}
            />
          );
        })}
        {SECTORS.map((sector, i) => (
          <text
            key={sector}
            x={corners[i]!.x}
            y={corners[i]!.y}
            text-anchor={corners[i]!.anchor}
            font-size={32}
            font-weight={700}
            fill="#3730a3"
          >
            {t(SECTOR_LABEL_KEYS[sector])}
          </text>
        ))}
        <circle cx={CENTRE} cy={CENTRE} r={RING} fill="#ffffff" stroke={INK} stroke-width={3} />
        {child && <PersonSymbol person={child} x={CENTRE} y={CENTRE - 14} size={44} />}
        {child && (
          <text
            x={CENTRE}
            y={CENTRE + 44}
            text-anchor="middle"
            font-size={28}
            font-weight={700}
            fill={INK}
          >
            {short(child.name, 14)}
          </text>
        )}
        {persons.map((person) => {
          const point = drag?.id === person.id ? drag.at : points.get(person.id);
          if (!point) return null;
          // Names beside the symbol, away from the centre line, so that people on neighbouring
          // rings of one sector never cover each other.
          const side = point.x >= CENTRE ? 1 : -1;
          return (
            <g
              key={person.id}
              data-testid="net-person"
              data-person={person.id}
              data-name={person.name}
              data-ring={person.ring ?? ""}
              data-sector={person.sector ?? ""}
              class={onPlace ? "drawing__person" : undefined}
              {...events(person)}
            >
              <PersonSymbol person={person} x={point.x} y={point.y} size={40} />
              <text
                x={point.x + side * 28}
                y={point.y + (person.can_help ? 2 : 9)}
                text-anchor={side > 0 ? "start" : "end"}
                font-size={26}
                font-weight={700}
                fill={INK}
              >
                {short(person.name, 14)}
              </text>
              {person.can_help && (
                <text
                  x={point.x + side * 28}
                  y={point.y + 26}
                  text-anchor={side > 0 ? "start" : "end"}
                  font-size={20}
                  fill={MUTED}
                >
                  {short(person.can_help, 24)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Save an SVG element as a file. The drawing carries its own styling, so the file is whole. */
export function downloadSvg(svg: SVGSVGElement | null, filename: string): void {
  if (!svg) return;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("viewBox", `0 0 ${svg.getAttribute("width")} ${svg.getAttribute("height")}`);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
