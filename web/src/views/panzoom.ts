/** Pinch-zoom and pan of an SVG's viewBox with pointer events: two fingers zoom, one pans. */
import { useRef, useState } from "preact/hooks";

export interface ViewBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

const MIN_SCALE = 0.25;
const MAX_SCALE = 4;

/** Zoom by `factor` (>1 closer) keeping the drawing point `at` where it is on screen. */
export function zoomAt(
  view: ViewBox,
  base: ViewBox,
  factor: number,
  at: { x: number; y: number },
): ViewBox {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (base.w / view.w) * factor));
  const w = base.w / scale;
  const h = base.h / scale;
  return {
    x: at.x - ((at.x - view.x) * w) / view.w,
    y: at.y - ((at.y - view.y) * h) / view.h,
    w,
    h,
  };
}

export function panBy(view: ViewBox, dx: number, dy: number): ViewBox {
  return { ...view, x: view.x - dx, y: view.y - dy };
}

/** Keep getting a pointer's moves when it leaves the element (not for pointers the browser
 * does not know as active, which it refuses). */
export function capture(event: PointerEvent): void {
  try {
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
  } catch {
    // the moves then arrive only while the pointer is over the element
  }
}

/** A point on screen (client pixels) in the drawing's units. */
export function toDrawing(
  svg: SVGSVGElement,
  clientX: number,
  clientY: number,
): { x: number; y: number } {
  const matrix = svg.getScreenCTM();
  if (!matrix) return { x: clientX, y: clientY };
  const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  return { x: point.x, y: point.y };
}

/**
 * The viewBox and the handlers that change it. Pointers that start on a person (who handles
 * them itself) never reach these: only the background pans.
 */
export function usePanZoom(base: ViewBox) {
  const [own, setView] = useState<ViewBox | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const view = own ?? base;

  const onPointerDown = (event: PointerEvent): void => {
    capture(event);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
  };
  const onPointerMove = (event: PointerEvent): void => {
    const svg = event.currentTarget as SVGSVGElement;
    const before = pointers.current.get(event.pointerId);
    if (!before) return;
    const others = [...pointers.current.entries()].filter(([id]) => id !== event.pointerId);
    const now = { x: event.clientX, y: event.clientY };
    if (others.length === 0) {
      const a = toDrawing(svg, before.x, before.y);
      const b = toDrawing(svg, now.x, now.y);
      setView(panBy(view, b.x - a.x, b.y - a.y));
    } else {
      const other = others[0]![1];
      const apart = Math.hypot(before.x - other.x, before.y - other.y);
      const nowApart = Math.hypot(now.x - other.x, now.y - other.y);
      if (apart > 0) {
        const middle = toDrawing(svg, (now.x + other.x) / 2, (now.y + other.y) / 2);
        setView(zoomAt(view, base, nowApart / apart, middle));
      }
    }
    pointers.current.set(event.pointerId, now);
  };
  const onPointerEnd = (event: PointerEvent): void => {
    pointers.current.delete(event.pointerId);
  };
  const onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const at = toDrawing(event.currentTarget as SVGSVGElement, event.clientX, event.clientY);
    setView(zoomAt(view, base, event.deltaY < 0 ? 1.15 : 1 / 1.15, at));
  };
  const zoom = (factor: number): void =>
    setView(zoomAt(view, base, factor, { x: view.x + view.w / 2, y: view.y + view.h / 2 }));
  return {
    viewBox: `${view.x} ${view.y} ${view.w} ${view.h}`,
    zoomed: own !== null,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: onPointerEnd,
      onPointerCancel: onPointerEnd,
      onWheel,
    },
    zoomIn: () => zoom(1.3),
    zoomOut: () => zoom(1 / 1.3),
    reset: () => setView(null),
  };
}
