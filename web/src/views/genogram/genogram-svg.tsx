/** The genogram as SVG: drawn with presentation attributes only, so the same element saved
 * as a file is a complete drawing (and the CSP needs no inline style). */
import { useRef, useState } from "preact/hooks";
import { t } from "../../i18n";
import { isCouple, isParent, layoutGenogram, PITCH, ROW, SYMBOL } from "../../layout/genogram";
import type { Person, Relation } from "../../schema.gen";
import { capture, toDrawing, usePanZoom } from "../panzoom";
import { INK, MUTED, FONT, short, years, PersonSymbol, describeGenogram } from "./symbols";
import { coupleKey, childLines, coupleLine, emotionLine, households } from "./lines";

export interface GenogramProps {
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
  /** A phone in a right-to-left language reads the family from the right: the places are
   * mirrored, the words are not. (The record, the download and the screen are not mirrored.) */
  mirrored?: boolean;
}

export function GenogramSvg(props: GenogramProps) {
  const { persons, relations, title, testId, onSelect, onNudge, selected, zoomable, mirrored } =
    props;
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
  const nodes = new Map(
    [...layout.nodes].map(([id, node]) => [id, mirrored ? { ...node, x: width - node.x } : node]),
  );
  // A nudge is kept in the layout's own direction: one seen mirrored goes the other way in it.
  const across = mirrored ? -1 : 1;
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
          nudge(person, from.dx + across * drag.by.x, from.dy + drag.by.y);
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
          nudge(person, from.dx + across * dx, from.dy + dy);
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
