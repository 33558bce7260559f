import { describe, expect, it } from "vitest";
import { parseRoute } from "./route";

describe("parseRoute", () => {
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
