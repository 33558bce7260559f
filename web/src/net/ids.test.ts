import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("makes ids that fit both the op id and the card id patterns, and never repeats", () => {
    const ids = new Set(Array.from({ length: 200 }, newId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    }
  });
});
