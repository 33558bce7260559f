import { describe, expect, it } from "vitest";
import { da } from "./da";
import { pl } from "./pl";
import { so } from "./so";
import { ti } from "./ti";
import { tr } from "./tr";
import { uk } from "./uk";

const CATALOGUES: Record<string, Record<string, string>> = {
  so,
  tr,
  pl,
  uk,
  ti,
};
const DANISH: Record<string, string> = da;

/** The `{name}` placeholders of a text, sorted, each once. */
function placeholders(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")),
  ].sort();
}

describe.each(Object.entries(CATALOGUES))(
  "the %s catalogue",
  (_code, catalogue) => {
    it("has exactly the Danish keys", () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(DANISH).sort());
    });

    it("keeps every placeholder of the Danish text, and adds none", () => {
      for (const [key, text] of Object.entries(DANISH)) {
        expect({
          key,
          placeholders: placeholders(catalogue[key] ?? ""),
        }).toEqual({
          key,
          placeholders: placeholders(text),
        });
      }
    });

    it("has no empty text, and no stray braces", () => {
      for (const [key, text] of Object.entries(catalogue)) {
        expect({ key, empty: text.trim() === "" }).toEqual({
          key,
          empty: false,
        });
        const stray = text.replace(/\{\w+\}/g, "").match(/[{}]/);
        expect({ key, stray }).toEqual({ key, stray: null });
      }
    });
  },
);

/** Latin words in a Cyrillic or Ge'ez text that its Danish text lacks: left untranslated. The
 * Danish of the same key may lend names, codes, formats and the Danish words said aloud. */
function strayLatin(catalogue: Record<string, string>): string[] {
  const latin = (text: string): string[] =>
    text.replace(/\{\w+\}/g, "").match(/[A-Za-zÆØÅæøå]+/g) ?? [];
  return Object.entries(catalogue).flatMap(([key, text]) => {
    const lent = new Set(latin(DANISH[key] ?? ""));
    return latin(text)
      .filter((word) => !lent.has(word))
      .map((word) => `${key}: ${word}`);
  });
}

describe("the scripts", () => {
  it("writes Ukrainian in Cyrillic and Tigrinya in Ge'ez", () => {
    expect(uk["join.title"]).toMatch(/^[\u0400-\u04FF ]+$/);
    expect(ti["join.title"]).toMatch(/^[\u1200-\u137F ]+$/);
  });

  it("leaves no untranslated Latin text in Ukrainian or Tigrinya", () => {
    expect(strayLatin(uk)).toEqual([]);
    expect(strayLatin(ti)).toEqual([]);
  });

  it("uses Turkish and Polish letters", () => {
    expect(Object.values(tr).join(" ")).toMatch(/[ışğ]/);
    expect(Object.values(pl).join(" ")).toMatch(/[ąęłśżź]/);
  });
});
