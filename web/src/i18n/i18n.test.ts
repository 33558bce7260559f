import { afterEach, describe, expect, it } from "vitest";
import { errorText, lang, setLang, t } from "./index";
import { en } from "./en";

describe("t", () => {
  afterEach(() => setLang("da"));

  it("speaks Danish by default", () => {
    expect(lang.value).toBe("da");
    expect(t("column.worries")).toBe("Hvad bekymrer os?");
    expect(t("role.privat")).toBe("Privat netværk");
  });

  it("switches to English when chosen", () => {
    setLang("en");
    expect(t("column.works")).toBe("What is working well?");
  });

  it("falls back to Danish for a key the English catalogue lacks", () => {
    expect(en["start.title"]).toBeUndefined();
    setLang("en");
    expect(t("start.title")).toBe("Kreds");
  });

  it("fills in parameters", () => {
    expect(t("fac.admitName", { name: "Else" })).toBe("Lad komme ind: Else");
    expect(t("conn.waiting", { count: 3 })).toBe("3 venter på at blive sendt");
  });

  it("explains a CPR refusal in plain Danish, and any unknown code generically", () => {
    expect(errorText("cpr_detected")).toContain("CPR-nummer");
    expect(errorText("something_new")).toBe(t("error.unknown"));
  });
});
