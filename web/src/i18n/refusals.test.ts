import { afterEach, describe, expect, it } from "vitest";
import { refusalText, setLang, showFor } from "./index";

describe("a refusal from the server, worded here", () => {
  afterEach(async () => {
    await setLang("da");
    await showFor("phone");
  });

  it("says what its id says, with its particulars, in the shown language", async () => {
    const refused = { code: "too_large", message: "card.too_many", params: { max: 500 } };
    expect(refusalText(refused)).toBe("Mødet har nået grænsen på 500 noter.");
    await setLang("en");
    expect(refusalText(refused)).toBe("The meeting has reached its limit of 500 notes.");
  });

  it("names the people of a genogram refusal as they were written", async () => {
    const refused = {
      code: "too_many_parents",
      message: "genogram.too_many_parents",
      params: { child: "Emil" },
    };
    expect(refusalText(refused)).toMatch(/^Emil har allerede to biologiske forældre\./);
    await setLang("ar");
    expect(refusalText(refused)).toContain("Emil");
    expect(refusalText(refused)).not.toContain("biologiske");
  });

  it("says its code's words when its id is the code, unknown, or missing", () => {
    expect(refusalText({ code: "cpr_detected", message: "cpr_detected" })).toMatch(/CPR/);
    expect(refusalText({ code: "not_found", message: "no.such.id" })).toBe(
      refusalText({ code: "not_found" }),
    );
    expect(refusalText({ code: "what_is_this" })).toBe(refusalText({ code: "unknown" }));
  });

  it("leaves a placeholder the server did not fill as it stands, and never fails", () => {
    const text = refusalText({ code: "invalid", message: "scale.out_of_range", params: {} });
    expect(text).toBe("Vælg fra {low} til {high}.");
  });
});
