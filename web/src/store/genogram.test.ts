import { afterEach, describe, expect, it } from "vitest";
import { screenShows, screenView } from "./genogram";

describe("what the room's screen shows", () => {
  afterEach(() => {
    screenView.value = null;
  });

  it("shows the board until something else is chosen", () => {
    expect(screenShows(undefined)).toBe("board");
  });

  it("shows a scaling question put on the screen after the genogram", () => {
    screenView.value = { type: "screen_view", id: "m", shows: "genogram", at: 100 };
    expect(screenShows({ created_at: 200 })).toBe("scale");
  });

  it("shows the genogram chosen after the scaling question", () => {
    screenView.value = { type: "screen_view", id: "m", shows: "genogram", at: 300 };
    expect(screenShows({ created_at: 200 })).toBe("genogram");
    screenView.value = { type: "screen_view", id: "m", shows: "board", at: 300 };
    expect(screenShows({ created_at: 200 })).toBe("board");
  });
});
