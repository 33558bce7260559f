import { describe, expect, it } from "vitest";
import type { Card } from "../schema.gen";
import { arrivals, speakerChange, statusChange } from "./announce";

function note(id: string, author: string): Card {
  return {
    type: "card",
    id,
    column: "works",
    text: "Emil elsker fodbold.",
    author,
    order: "a0",
    created_at: 1,
  } as Card;
}

describe("arrivals", () => {
  const sara = note("n1", "sara");
  const birthe = note("n2", "birthe");

  it("says nothing about the board loaded on connecting", () => {
    expect(arrivals(null, new Map([["n1", sara]]), "louise")).toEqual([]);
  });

  it("names a note someone else wrote since the last change", () => {
    const before = new Map([["n1", sara]]);
    const after = new Map([
      ["n1", sara],
      ["n2", birthe],
    ]);
    expect(arrivals(before, after, "louise")).toEqual([birthe]);
  });

  it("does not repeat one's own note, nor an edited one", () => {
    const before = new Map([["n1", sara]]);
    const edited = new Map([
      ["n1", { ...sara, text: "Emil elsker håndbold." }],
      ["n2", birthe],
    ]);
    expect(arrivals(before, edited, "birthe")).toEqual([]);
  });
});

describe("statusChange", () => {
  it("reports the read-back starting and the meeting closing, not the first load", () => {
    expect(statusChange(null, "open")).toBeNull();
    expect(statusChange("open", "open")).toBeNull();
    expect(statusChange("open", "readback")).toBe("readback");
    expect(statusChange("readback", "closed")).toBe("closed");
  });
});

describe("speakerChange", () => {
  it("says nothing about the word someone had when the device connected", () => {
    expect(speakerChange(undefined, "sara")).toBeNull();
    expect(speakerChange(undefined, null)).toBeNull();
  });

  it("names the new speaker once, and nothing while the word stays", () => {
    expect(speakerChange(null, "sara")).toEqual({ speaker: "sara" });
    expect(speakerChange("sara", "mette")).toEqual({ speaker: "mette" });
    expect(speakerChange("mette", "mette")).toBeNull();
  });

  it("says when nobody has the word any more", () => {
    expect(speakerChange("mette", null)).toEqual({ speaker: null });
    expect(speakerChange(null, null)).toBeNull();
  });
});
