import { describe, expect, it } from "vitest";
import { linkedMeeting, parseRoute } from "./route";

describe("parseRoute", () => {
  it("finds each view by its path, with the link token from the fragment", () => {
    expect(parseRoute("/", "")).toEqual({ view: "start" });
    expect(parseRoute("/m/m7Qx2", "")).toEqual({ view: "facilitator", meetingId: "m7Qx2" });
    expect(parseRoute("/s", "#scr33nT0ken")).toEqual({ view: "screen", token: "scr33nT0ken" });
    expect(parseRoute("/j", "#j0inT0ken")).toEqual({ view: "join", token: "j0inT0ken" });
    expect(parseRoute("/j", "")).toEqual({ view: "join", token: "" });
    expect(parseRoute("/nowhere", "")).toEqual({ view: "missing" });
  });

  it("opens the admin's page", () => {
    expect(parseRoute("/admin", "")).toEqual({ view: "admin" });
    expect(parseRoute("/admin/", "")).toEqual({ view: "admin" });
  });

  it("takes an invitation's token from the fragment, never the path", () => {
    expect(parseRoute("/invitation", "#abc-DEF_123")).toEqual({
      view: "invitation",
      token: "abc-DEF_123",
    });
    expect(parseRoute("/invitation/abc", "")).toEqual({ view: "missing" });
  });
});

describe("linkedMeeting", () => {
  it("reads the meeting a screen link names, and nothing that is no meeting id", () => {
    expect(linkedMeeting("?meeting=m7Qx2-_a")).toBe("m7Qx2-_a");
    expect(linkedMeeting("")).toBeUndefined();
    expect(linkedMeeting("?meeting=")).toBeUndefined();
    expect(linkedMeeting("?meeting=a%2Fb")).toBeUndefined();
    expect(linkedMeeting(`?meeting=${"x".repeat(65)}`)).toBeUndefined();
  });
});
