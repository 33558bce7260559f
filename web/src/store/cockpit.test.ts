import { beforeEach, describe, expect, it } from "vitest";
import { chosenWork, followPhaseWork, newArrivals, viewForPhase, workView } from "./cockpit";

describe("the cockpit's middle follows the phase", () => {
  beforeEach(() => {
    chosenWork.value = null;
  });

  it("shows each phase's own work", () => {
    expect(viewForPhase("welcome")).toBe("invite");
    expect(viewForPhase("concern")).toBe("concern");
    expect(viewForPhase("works")).toBe("board");
    expect(viewForPhase("house_dreams")).toBe("board");
    expect(viewForPhase("scaling")).toBe("scale");
    expect(viewForPhase("review")).toBe("agreements");
    expect(viewForPhase("closing")).toBe("agreements");
    expect(viewForPhase("safety")).toBe("safety");
  });

  it("keeps a view the facilitator chose until the phase moves on", () => {
    chosenWork.value = "drawings";
    expect(workView("works")).toBe("drawings");
    followPhaseWork();
    expect(workView("scaling")).toBe("scale");
  });
});

describe("arrivals in the lobby", () => {
  it("says nothing on the first look, then each new person once", () => {
    expect(newArrivals(null, ["birthe"])).toEqual([]);
    expect(newArrivals(new Set(["birthe"]), ["birthe", "maria"])).toEqual(["maria"]);
    expect(newArrivals(new Set(["birthe", "maria"]), ["maria"])).toEqual([]);
  });
});
