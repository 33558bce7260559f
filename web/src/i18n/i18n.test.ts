import { afterEach, describe, expect, it } from "vitest";
import { da } from "./da";
import { en } from "./en";
import {
  LANGUAGES,
  audience,
  available,
  clock,
  errorText,
  known,
  lang,
  num,
  setLang,
  showFor,
  t,
  type Lang,
} from "./index";

// Every module in this folder, so that a catalogue file of a registered language is found
// whatever else it imports.
const MODULES = import.meta.glob<Record<string, unknown>>(
  ["./*.ts", "!./*.test.ts"],
  {
    eager: true,
  },
);

function catalogueFile(code: Lang): Record<string, string> | undefined {
  if (code === "da") return da;
  if (code === "en") return en as Record<string, string>;
  return MODULES[`./${code}.ts`]?.[code] as Record<string, string> | undefined;
}

function placeholders(text: string): string[] {
  // each name once: a translation may say "them" the second time
  return [
    ...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)),
  ].sort();
}

describe("every catalogue", () => {
  const danishKeys = Object.keys(da).sort();

  it("exists for each of the ten languages", () => {
    expect(LANGUAGES.map((language) => language.code)).toEqual([
      "da",
      "en",
      "ar",
      "fa",
      "so",
      "tr",
      "ur",
      "pl",
      "uk",
      "ti",
    ]);
    const missing = LANGUAGES.filter(
      (language) => !catalogueFile(language.code),
    );
    expect(missing.map((language) => language.code)).toEqual([]);
    expect(available.map((language) => language.code)).toEqual(
      LANGUAGES.map((language) => language.code),
    );
  });

  for (const language of LANGUAGES) {
    it(`${language.code} has every key of the Danish catalogue and no other`, () => {
      const keys = Object.keys(catalogueFile(language.code) ?? {}).sort();
      expect(danishKeys.filter((key) => !keys.includes(key))).toEqual([]);
      expect(keys.filter((key) => !danishKeys.includes(key))).toEqual([]);
    });

    it(`${language.code} has no empty text and keeps every {placeholder}`, () => {
      const texts = catalogueFile(language.code) ?? {};
      for (const key of danishKeys) {
        const text = texts[key];
        if (text === undefined) continue; // reported by the test above
        expect(text.trim(), key).not.toBe("");
        expect(placeholders(text), key).toEqual(
          placeholders(da[key as keyof typeof da]),
        );
      }
    });
  }
});

describe("t", () => {
  afterEach(async () => {
    await setLang("da");
    await showFor("phone");
  });

  it("speaks Danish by default", () => {
    expect(lang.value).toBe("da");
    expect(t("column.worries")).toBe("Hvad bekymrer os?");
    expect(t("role.privat")).toBe("Privat netværk");
  });

  it("switches to English when chosen", async () => {
    await setLang("en");
    expect(t("column.works")).toBe("What is working well?");
  });

  it("loads a further language on demand and shows it", async () => {
    await setLang("ar");
    expect(lang.value).toBe("ar");
    expect(t("column.works")).toBe("ما الذي يسير بشكل جيد؟");
  });

  it("ignores an unknown language code and stays in Danish", async () => {
    expect(known("xx")).toBeNull();
    expect(known(null)).toBeNull();
    await setLang("xx" as Lang);
    expect(lang.value).toBe("da");
    expect(t("column.works")).toBe("Hvad fungerer godt?");
  });

  it("keeps the room's screen in Danish and the facilitator in Danish or English", async () => {
    await setLang("ar");
    await showFor("screen");
    expect(audience.value).toBe("screen");
    expect(lang.value).toBe("da");
    await showFor("staff");
    expect(lang.value).toBe("da");
    await setLang("en");
    expect(lang.value).toBe("en");
    await showFor("phone");
    expect(lang.value).toBe("en");
  });

  it("fills in parameters, numbers in the language's digits", async () => {
    expect(t("fac.admitName", { name: "Else" })).toBe("Lad komme ind: Else");
    expect(t("conn.waiting", { count: 3 })).toBe("3 venter på at blive sendt");
    await setLang("fa");
    expect(t("scale.answered", { count: 7, total: 9 })).toBe(
      "۷ نفر از ۹ نفر پاسخ داده‌اند",
    );
    expect(num(10)).toBe("۱۰");
    expect(clock(65)).toBe("۱:۰۵");
  });

  it("writes a clock as m:ss", () => {
    expect(clock(65)).toBe("1:05");
    expect(clock(-3)).toBe("0:00");
  });

  it("explains a CPR refusal in plain Danish, and any unknown code generically", () => {
    expect(errorText("cpr_detected")).toContain("CPR-nummer");
    expect(errorText("something_new")).toBe(t("error.unknown"));
  });
});
