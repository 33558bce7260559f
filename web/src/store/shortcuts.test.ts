import { describe, expect, it } from "vitest";
import { shortcutFor, type KeyPress } from "./shortcuts";

const press = (code: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  code,
  altKey: true,
  shiftKey: true,
  ctrlKey: false,
  metaKey: false,
  typing: false,
  ...extra,
});

describe("the facilitator's shortcuts", () => {
  it("map Alt+Shift and a letter to next phase, back, the word and the timer", () => {
    expect(shortcutFor(press("KeyN"))).toBe("next");
    expect(shortcutFor(press("KeyB"))).toBe("back");
    expect(shortcutFor(press("KeyO"))).toBe("word");
    expect(shortcutFor(press("KeyT"))).toBe("timer");
    expect(shortcutFor(press("KeyX"))).toBeNull();
  });

  it("never take a key from someone typing, nor a key without both modifiers", () => {
    expect(shortcutFor(press("KeyN", { typing: true }))).toBeNull();
    expect(shortcutFor(press("KeyN", { shiftKey: false }))).toBeNull();
    expect(shortcutFor(press("KeyN", { altKey: false }))).toBeNull();
    expect(shortcutFor(press("KeyN", { ctrlKey: true }))).toBeNull();
  });
});
