import { describe, expect, it } from "vitest";
import { screenMain, scaleStillShown, type ScreenFacts } from "./screen";

const facts = (extra: Partial<ScreenFacts>): ScreenFacts => ({
  status: "open",
  shows: "board",
  scaleShown: false,
  phase: "works",
  ...extra,
});

describe("the room's screen follows the meeting", () => {
  it("shows the phase's own view by default", () => {
    expect(screenMain(facts({ phase: "concern" }))).toBe("concern");
    expect(screenMain(facts({ phase: "review" }))).toBe("review");
    expect(screenMain(facts({ phase: "agreements" }))).toBe("agreements");
    expect(screenMain(facts({ phase: "worries" }))).toBe("board");
  });

  it("puts the facilitator's drawing or scale in front, and closing above all", () => {
    expect(screenMain(facts({ shows: "genogram", phase: "agreements" }))).toBe("drawing");
    expect(screenMain(facts({ shows: "scale", scaleShown: true }))).toBe("scale");
    expect(screenMain(facts({ shows: "scale", scaleShown: false }))).toBe("board");
    expect(screenMain(facts({ status: "readback" }))).toBe("readback");
    expect(screenMain(facts({ status: "closed", shows: "genogram" }))).toBe("closing");
  });

  it("lets a scale step back once the meeting moves on from the phase it was shown in", () => {
    const seen = new Map([["s1", "works"]]);
    expect(scaleStillShown("s1", "works", "works", seen)).toBe(true);
    expect(scaleStillShown("s1", "worries", "worries", seen)).toBe(false);
    expect(scaleStillShown("s1", "scaling", "scaling", seen)).toBe(true);
    expect(scaleStillShown("s2", "worries", "worries", seen)).toBe(true);
  });
});
