/** The network map as SVG: the child in the centre, rings for closeness, four sectors. */
import { useRef, useState } from "preact/hooks";
import { t } from "../../i18n";
import {
  CENTRE,
  layoutNetwork,
  MAP_SIZE,
  placementAt,
  RING,
  RINGS,
  SECTORS,
  type Placement,
} from "../../layout/network";
import type { Person } from "../../schema.gen";
import { capture, toDrawing, usePanZoom } from "../panzoom";
import { INK, MUTED, FONT, short, PersonSymbol, describeNetwork } from "./symbols";

export interface NetworkProps {
  persons: readonly Person[];
  child: Person | undefined;
  title: string;
  testId: string;
  onPlace?: (personId: string, placement: Placement | null) => void;
  zoomable?: boolean;
}

export const SECTOR_LABEL_KEYS = {
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
