/** What both drawings share: ink, a person's symbol, and the words a screen reader hears. */
import type { JSX } from "preact";
import { t, type MessageKey } from "../../i18n";
import { isParent } from "../../layout/genogram";
import type { Person, Relation, RelationKind, Sex } from "../../schema.gen";

export const INK = "#1f2937";
export const MUTED = "#4b5563";
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const DASH: Partial<Record<RelationKind, string>> = {
  cohabiting: "10 6",
  adopted: "10 6",
  foster: "3 6",
};
export const EMOTION: Record<string, string> = {
  close: "#15803d",
  conflict: "#b91c1c",
  distant: "#6b7280",
  cut_off: "#1f2937",
};

export function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function years(person: Person): string {
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
export function describeGenogram(persons: readonly Person[], relations: readonly Relation[]): string {
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

export function describeNetwork(persons: readonly Person[]): string {
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
