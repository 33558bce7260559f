import { afterEach, describe, expect, it, vi } from "vitest";
import { refusalText } from "../i18n";
import { ApiError, joinInfo } from "./api";

function answer(status: number, body: unknown): void {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status }));
}

async function refusal(): Promise<ApiError> {
  try {
    await joinInfo("a".repeat(43));
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error("the request was not refused");
}

describe("an HTTP refusal", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("keeps what the server said by id, and the phone words it", async () => {
    answer(429, { code: "rate_limited", message: "…", say: "lobby.full" });
    const refused = await refusal();
    expect([refused.code, refused.status, refused.say]).toEqual(["rate_limited", 429, "lobby.full"]);
    expect(refusalText({ code: refused.code, message: refused.say, params: refused.params })).toBe(
      "Der venter allerede mange på at komme ind. Vent lidt, og prøv igen.",
    );
  });

  it("takes only words and numbers as particulars, and nothing from a body that is not ours", async () => {
    answer(413, { code: "too_large", say: "text.too_long", params: { max: 500, evil: { x: 1 } } });
    expect((await refusal()).params).toEqual({ max: 500 });
    answer(500, "<html>");
    const odd = await refusal();
    expect([odd.code, odd.say, odd.params]).toEqual(["unknown", null, null]);
  });
});
