/** Realistic families for the genogram: the Holm family from the scenario (a divorce, a new
 * partner and a half-sister, a deceased grandfather), a foster placement and twins. */
import type { Person, Relation, RelationKind, Sex } from "../schema.gen";

export interface Family {
  persons: Person[];
  relations: Relation[];
}

function p(id: string, name: string, sex: Sex, born: number, extra: Partial<Person> = {}): Person {
  return { type: "person", id, name, sex, born, dx: 0, dy: 0, in_genogram: true, ...extra };
}

function r(kind: RelationKind, a: string, b: string): Relation {
  return { type: "relation", id: `${a}-${kind}-${b}`, kind, a, b };
}

function parents(kind: RelationKind, ps: string[], children: string[]): Relation[] {
  return children.flatMap((child) => ps.map((parent) => r(kind, parent, child)));
}

export const HOLM: Family = {
  persons: [
    p("emil", "Emil", "male", 2017, { focus: true, household: "sara" }),
    p("sara", "Sara", "female", 1992, { household: "sara" }),
    p("thomas", "Thomas", "male", 1990, { household: "thomas" }),
    p("line", "Line", "female", 1994, { household: "thomas" }),
    p("alma", "Alma", "female", 2025, { household: "thomas" }),
    p("birthe", "Birthe", "female", 1964),
    p("poul", "Poul", "male", 1960, { deceased: true, died: 2019 }),
    p("jonas", "Jonas", "male", 1996),
    p("maria", "Maria", "female", 1987),
    p("farmor", "Grethe", "female", 1962),
    p("farfar", "Erik", "male", 1959),
  ],
  relations: [
    r("divorced", "sara", "thomas"),
    r("cohabiting", "thomas", "line"),
    r("married", "birthe", "poul"),
    r("married", "farmor", "farfar"),
    ...parents("biological", ["sara", "thomas"], ["emil"]),
    ...parents("biological", ["thomas", "line"], ["alma"]),
    ...parents("biological", ["birthe", "poul"], ["sara", "jonas"]),
    ...parents("biological", ["farmor", "farfar"], ["thomas", "maria"]),
    r("close", "emil", "jonas"),
    r("close", "sara", "birthe"),
    r("conflict", "sara", "thomas"),
  ],
};

/** A divorce and a new partner on both sides, with half-siblings on both sides. */
export const BLENDED: Family = {
  persons: [
    p("liva", "Liva", "female", 2014, { focus: true }),
    p("anja", "Anja", "female", 1985),
    p("kasper", "Kasper", "male", 1983),
    p("rene", "René", "male", 1980),
    p("nina", "Nina", "female", 1990),
    p("oskar", "Oskar", "male", 2019),
    p("freja", "Freja", "female", 2021),
    p("mille", "Mille", "female", 2009),
  ],
  relations: [
    r("divorced", "anja", "kasper"),
    r("married", "anja", "rene"),
    r("cohabiting", "kasper", "nina"),
    ...parents("biological", ["anja", "kasper"], ["liva"]),
    ...parents("biological", ["anja", "rene"], ["oskar"]),
    ...parents("biological", ["kasper", "nina"], ["freja"]),
    r("biological", "rene", "mille"),
  ],
};

export const FOSTER: Family = {
  persons: [
    p("noah", "Noah", "male", 2019, { focus: true, household: "pleje" }),
    p("julie", "Julie", "female", 1998),
    p("karen", "Karen", "female", 1975, { household: "pleje" }),
    p("ole", "Ole", "male", 1972, { household: "pleje" }),
    p("sofie", "Sofie", "female", 2004, { household: "pleje" }),
    p("mormor", "Hanne", "female", 1970, { deceased: true, died: 2022 }),
  ],
  relations: [
    r("married", "karen", "ole"),
    ...parents("biological", ["karen", "ole"], ["sofie"]),
    r("biological", "julie", "noah"),
    ...parents("foster", ["karen", "ole"], ["noah"]),
    r("biological", "mormor", "julie"),
    r("cut_off", "julie", "mormor"),
  ],
};

export const TWINS: Family = {
  persons: [
    p("ida", "Ida", "female", 2015, { focus: true }),
    p("ella", "Ella", "female", 2015),
    p("anne", "Anne", "female", 1988),
    p("mads", "Mads", "male", 1986),
    p("bent", "Bent", "male", 1950, { deceased: true, died: 2020 }),
    p("lis", "Lis", "female", 1952),
    p("lasse", "Lasse", "male", 1990),
  ],
  relations: [
    r("cohabiting", "anne", "mads"),
    ...parents("biological", ["anne", "mads"], ["ida", "ella"]),
    r("married", "bent", "lis"),
    ...parents("biological", ["bent", "lis"], ["mads", "lasse"]),
  ],
};

export const FAMILIES: Record<string, Family> = { HOLM, BLENDED, FOSTER, TWINS };
