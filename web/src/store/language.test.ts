import { afterEach, describe, expect, it } from "vitest";
import { lang, setLang } from "../i18n";
import { audienceOf, followRouteLanguage } from "./language";
import { parseRoute, route } from "./route";

describe("the language a page shows", () => {
  afterEach(async () => {
    route.value = { view: "join", token: "" };
    await setLang("da");
  });

  it("is the person's own on a phone, Danish on the screen, Danish or English for staff", () => {
    expect(audienceOf(parseRoute("/j", "#t0ken"))).toBe("phone");
    expect(audienceOf(parseRoute("/nowhere", ""))).toBe("phone");
    expect(audienceOf(parseRoute("/s", "#t0ken"))).toBe("screen");
    expect(audienceOf(parseRoute("/", ""))).toBe("staff");
    expect(audienceOf(parseRoute("/m/m7Qx2", ""))).toBe("staff");
    expect(audienceOf(parseRoute("/c/c9", ""))).toBe("staff");
  });

  it("follows the route as it changes", async () => {
    route.value = { view: "join", token: "t0ken" };
    await followRouteLanguage();
    await setLang("uk");
    expect(lang.value).toBe("uk");
    route.value = { view: "screen", token: "t0ken" };
    await Promise.resolve();
    expect(lang.value).toBe("da");
    route.value = { view: "join", token: "t0ken" };
    await new Promise((done) => setTimeout(done, 0));
    expect(lang.value).toBe("uk");
  });
});
