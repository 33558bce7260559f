import { beforeEach, describe, expect, it } from "vitest";
import {
  draft,
  followPhase,
  phoneColumn,
  readStoredDraft,
  writeDraft,
} from "./ui";

describe("a phone's draft stays where it was written", () => {
  beforeEach(() => {
    draft.value = "";
    phoneColumn.value = "works";
  });

  it("follows the phase while nothing is typed", () => {
    followPhase("worries");
    expect(phoneColumn.value).toBe("worries");
  });

  it("keeps the column it is typed in through a phase change", () => {
    writeDraft("Jeg kan hente Emil om", "works");
    followPhase("worries");
    expect(phoneColumn.value).toBe("works");
    expect(draft.value).toBe("Jeg kan hente Emil om");
  });

  it("follows the phase again once it is sent (empty)", () => {
    writeDraft("Mormor bor tæt på skolen", "works");
    writeDraft("", "works");
    followPhase("next");
    expect(phoneColumn.value).toBe("next");
  });

  it("reads back a stored draft with its column, and an older plain one as text", () => {
    expect(
      readStoredDraft(JSON.stringify({ text: "Farmor", column: "worries" })),
    ).toEqual({
      text: "Farmor",
      column: "worries",
    });
    expect(readStoredDraft("bare tekst")).toEqual({
      text: "bare tekst",
      column: null,
    });
    expect(readStoredDraft(null)).toEqual({ text: "", column: null });
  });
});
