import { describe, expect, it } from "vitest";
import {
  pressedChoice,
  scaleOnScreen,
  screenMain,
  scaleStillShown,
  type ScreenFacts,
} from "./screen";

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
    expect(screenMain(facts({ shows: "agreements", phase: "worries" }))).toBe("agreements");
    expect(screenMain(facts({ shows: "safety", phase: "worries" }))).toBe("safety");
    expect(screenMain(facts({ shows: "safety", status: "closed" }))).toBe("closing");
    expect(screenMain(facts({ shows: "agreements", status: "readback" }))).toBe("readback");
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

  it("keeps a chosen scale, and presses the button for what the screen shows", () => {
    const seen = new Map([["s1", "works"]]);
    expect(scaleOnScreen("s1", "scale", "worries", "worries", seen)).toBe(true);
    expect(scaleOnScreen("s1", "board", "worries", "worries", seen)).toBe(false);
    expect(pressedChoice("scale", false)).toBe("board");
    expect(pressedChoice("scale", true)).toBe("scale");
    expect(pressedChoice("agreements", false)).toBe("agreements");
  });
});
