import { beforeEach, describe, expect, it } from "vitest";
import {
  draft,
  draftColumn,
  draftTarget,
  followPhase,
  phoneColumn,
  readStoredDraft,
  writeDraft,
} from "./ui";

describe("a phone's draft stays where it was written", () => {
  beforeEach(() => {
    draft.value = "";
    draftColumn.value = null;
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
    expect(draftTarget("worries")).toBe("works");
  });

  it("is sent to the column it was typed in even while another is shown", () => {
    writeDraft("Mormor bor tæt på skolen", "works");
    phoneColumn.value = "next";
    expect(draftTarget("next")).toBe("works");
  });

  it("an empty draft belongs to no column", () => {
    writeDraft("x", "works");
    writeDraft("", "works");
    expect(draftColumn.value).toBeNull();
    expect(draftTarget("next")).toBe("next");
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
