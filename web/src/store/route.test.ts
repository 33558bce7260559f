import { describe, expect, it } from "vitest";
import { parseRoute } from "./route";

describe("parseRoute", () => {
  it("finds each view by its path, with the link token from the fragment", () => {
    expect(parseRoute("/", "")).toEqual({ view: "start" });
    expect(parseRoute("/m/m7Qx2", "")).toEqual({ view: "facilitator", meetingId: "m7Qx2" });
    expect(parseRoute("/s", "#scr33nT0ken")).toEqual({ view: "screen", token: "scr33nT0ken" });
    expect(parseRoute("/j", "#j0inT0ken")).toEqual({ view: "join", token: "j0inT0ken" });
    expect(parseRoute("/j", "")).toEqual({ view: "join", token: "" });
    expect(parseRoute("/nowhere", "")).toEqual({ view: "missing" });
  });
});
