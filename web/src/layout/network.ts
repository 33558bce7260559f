/**
 * The network map's geometry: the child in the centre, rings of closeness around it, and four
 * sectors. Pure: a placement (ring, sector, angle) becomes a point and a dropped point becomes
 * a placement, so dragging and the keyboard make the same intent.
 */
import type { Person, Sector } from "../schema.gen";

export const RINGS = 4;
/** The width of one ring; the child's circle in the centre has this radius too. */
export const RING = 110;
export const RADIUS = RING * (RINGS + 1);
/** Room around the outer ring for names. */
export const MAP_MARGIN = 70;
export const MAP_SIZE = 2 * (RADIUS + MAP_MARGIN);
export const CENTRE = RADIUS + MAP_MARGIN;

/** Clockwise from the top: familie · venner og naboer · skole og fritid · fagpersoner. */
export const SECTORS: readonly Sector[] = ["family", "friends", "school", "professionals"];
const SPAN = (2 * Math.PI) / SECTORS.length;
/** Persons keep this much of a sector's span clear of its edges. */
const EDGE = 0.12;

export interface Placement {
  ring: number;
  sector: Sector;
  angle: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The angle in radians, clockwise from straight up, of a sector's start. */
export function sectorStart(sector: Sector): number {
  return SECTORS.indexOf(sector) * SPAN;
}

/** Where a placement is drawn. Ring 1 lies just outside the child's circle. */
export function pointOf(placement: Placement): Point {
  const radius = RING * (placement.ring + 0.5);
  const turn = sectorStart(placement.sector) + (EDGE + (1 - 2 * EDGE) * placement.angle) * SPAN;
  return { x: CENTRE + radius * Math.sin(turn), y: CENTRE - radius * Math.cos(turn) };
}

/** Where a person dropped at `point` belongs; null inside the child's circle (take off). */
export function placementAt(point: Point): Placement | null {
  const dx = point.x - CENTRE;
  const dy = CENTRE - point.y;
  const distance = Math.hypot(dx, dy);
  if (distance < RING) return null;
  const ring = Math.min(RINGS, Math.max(1, Math.floor(distance / RING)));
  let turn = Math.atan2(dx, dy);
  if (turn < 0) turn += 2 * Math.PI;
  const index = Math.min(SECTORS.length - 1, Math.floor(turn / SPAN));
  const within = (turn - index * SPAN) / SPAN;
  const angle = Math.min(1, Math.max(0, (within - EDGE) / (1 - 2 * EDGE)));
  return { ring, sector: SECTORS[index]!, angle: Math.round(angle * 1000) / 1000 };
}

/** Persons sharing a ring and a sector are spread evenly when they would crowd each other. */
export function layoutNetwork(persons: readonly Person[]): Map<string, Point> {
  const cells = new Map<string, Person[]>();
  for (const person of persons) {
    if (person.ring == null || person.sector == null || person.focus) continue;
    const key = `${person.ring}:${person.sector}`;
    cells.set(key, [...(cells.get(key) ?? []), person]);
  }
  const points = new Map<string, Point>();
  for (const cell of cells.values()) {
    cell.sort((a, b) => (a.angle ?? 0.5) - (b.angle ?? 0.5) || (a.id < b.id ? -1 : 1));
    const ring = cell[0]!.ring!;
    // The smallest gap (as a share of the sector) that keeps two names apart on this ring.
    const room = 90 / (RING * (ring + 0.5) * SPAN * (1 - 2 * EDGE));
    const crowded = cell.some(
      (person, i) => i > 0 && (person.angle ?? 0.5) - (cell[i - 1]!.angle ?? 0.5) < room,
    );
    cell.forEach((person, i) => {
      const angle = crowded && cell.length > 1 ? i / (cell.length - 1) : (person.angle ?? 0.5);
      points.set(person.id, pointOf({ ring, sector: person.sector!, angle }));
    });
  }
  return points;
}

/** One step closer (−1) or further out (+1), for the keyboard. */
export function stepRing(placement: Placement | null, step: number, sector: Sector): Placement {
  if (placement === null) return { ring: step < 0 ? 1 : RINGS, sector, angle: 0.5 };
  return { ...placement, ring: Math.min(RINGS, Math.max(1, placement.ring + step)) };
}
