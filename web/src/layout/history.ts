/**
 * Where each meeting goes on a scaling question's history chart, and which dates are written
 * under it. Pure: times in, x positions and label choices out.
 *
 * The points stand by date, so six weeks look longer than two; points closer than a cluster of
 * dots is wide (two meetings, or two rounds, on the same day) are pushed apart just enough to be
 * told apart, and a date is written once per day and only where it has room, the newest first.
 */
import { languageOf, type Lang } from "../i18n";

/** The calendar day (in the device's time zone) of a time in seconds, as a count of days: two
 * meetings on the same date have the same number, a week later is 7 more. */
export function dayOf(seconds: number): number {
  const date = new Date(seconds * 1000);
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000;
}

/** The x of each day (from `dayOf`, oldest first) between `left` and `right`, at least `gap`
 * apart. One day, or one meeting, stands in the middle. When there are more points than fit
 * `gap` apart, they are spread evenly instead. */
export function dayPositions(
  times: readonly number[],
  left: number,
  right: number,
  gap: number,
): number[] {
  const count = times.length;
  if (count === 0) return [];
  const width = right - left;
  if (count > 1 && gap * (count - 1) >= width) {
    return times.map((_, index) => left + (index / (count - 1)) * width);
  }
  const first = times[0]!;
  const last = times[count - 1]!;
  // All on one day: drawn as a small group in the middle, not as the two ends of the axis.
  const span = Math.max(last - first, 1);
  const start = (first + last) / 2 - span / 2;
  const raw = times.map((time) => left + ((time - start) / span) * width);
  const placed = [...raw];
  for (let index = 1; index < count; index += 1) {
    placed[index] = Math.max(placed[index]!, placed[index - 1]! + gap);
  }
  placed[count - 1] = Math.min(placed[count - 1]!, right);
  for (let index = count - 2; index >= 0; index -= 1) {
    placed[index] = Math.min(placed[index]!, placed[index + 1]! - gap);
  }
  // A group pushed apart around one date keeps that date in its middle.
  return centreGroups(raw, placed, gap, left, right);
}

/** Points pushed apart from the same spot (within `gap`) are moved so their middle is where the
 * spot was, as far as the axis and the neighbours allow. */
function centreGroups(
  raw: readonly number[],
  placed: number[],
  gap: number,
  left: number,
  right: number,
): number[] {
  let start = 0;
  while (start < placed.length) {
    let end = start;
    while (end + 1 < placed.length && raw[end + 1]! - raw[end]! < gap) end += 1;
    if (end > start) {
      const wanted = (raw[start]! + raw[end]!) / 2 - (placed[start]! + placed[end]!) / 2;
      const low = (start > 0 ? placed[start - 1]! + gap : left) - placed[start]!;
      const high = (end + 1 < placed.length ? placed[end + 1]! - gap : right) - placed[end]!;
      const shift = Math.min(high, Math.max(low, wanted));
      for (let index = start; index <= end; index += 1) placed[index] = placed[index]! + shift;
    }
    start = end + 1;
  }
  return placed;
}

/** The dates written under the chart: one under each run of points on the same date (in the
 * middle of the run), the newest always, then going back each one at least `room` away from the
 * last written one. Oldest first. */
export function dateLabels(
  xs: readonly number[],
  texts: readonly string[],
  room: number,
): { x: number; text: string }[] {
  const runs: { x: number; text: string }[] = [];
  let start = 0;
  for (let index = 0; index < xs.length; index += 1) {
    if (texts[index + 1] === texts[index]) continue;
    runs.push({ x: (xs[start]! + xs[index]!) / 2, text: texts[index]! });
    start = index + 1;
  }
  const written: { x: number; text: string }[] = [];
  for (const run of runs.reverse()) {
    const last = written.at(-1);
    if (!last || last.x - run.x >= room) written.push(run);
  }
  return written.reverse();
}

/** A meeting's date as the axis writes it: dd.mm.yyyy in Danish, dd/mm/yyyy in English, and
 * each other language its own way. */
export function dayText(seconds: number, lang: Lang): string {
  return new Date(seconds * 1000).toLocaleDateString(languageOf(lang).locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  });
}
