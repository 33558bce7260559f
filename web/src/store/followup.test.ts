import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import type { CarriedDrawing } from "../schema.gen";
import { heldOn } from "../views/carried";
import { apply, clearEntities, replaceAll } from "./entities";
import { carriedDrawing } from "./followup";

/** Emil's first meeting closed on 12 January 2027 at 10:30 Danish time. */
const CARRIED: CarriedDrawing = {
  type: "carried_drawing",
  id: "opfoelgning",
  from_meeting: "foerste-moede",
  held_at: Date.UTC(2027, 0, 12, 9, 30) / 1000,
  persons: 5,
  relations: 4,
};

describe("the carried drawing", () => {
  beforeEach(() => clearEntities());
  afterEach(() => setLang("da"));

  it("arrives with the op that copied the drawing", () => {
    apply([{ type: "upsert", entity: CARRIED }]);
    expect(carriedDrawing.value?.from_meeting).toBe("foerste-moede");
    apply([{ type: "upsert", entity: { ...CARRIED, persons: 6 } }]);
    expect(carriedDrawing.value?.persons).toBe(6);
  });

  it("comes and goes with a snapshot, and is forgotten with the meeting", () => {
    replaceAll([CARRIED]);
    expect(carriedDrawing.value?.id).toBe("opfoelgning");
    replaceAll([]);
    expect(carriedDrawing.value).toBeNull();
    replaceAll([CARRIED]);
    clearEntities();
    expect(carriedDrawing.value).toBeNull();
  });

  it("names the day of the earlier meeting in the reader's language", async () => {
    expect(heldOn(CARRIED.held_at)).toBe("12. januar 2027");
    await setLang("en");
    expect(heldOn(CARRIED.held_at)).toBe("12 January 2027");
  });
});
