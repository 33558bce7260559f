import { beforeEach, describe, expect, it } from "vitest";
import type { SafetyRule } from "../schema.gen";
import { me } from "./connection";
import { apply, clearEntities, replaceAll } from "./entities";
import { persons } from "./genogram";
import {
  agreedRules,
  carriedRules,
  safetyProposals,
  safetyRules,
  toConfirm,
  unkeptRules,
} from "./safety";

function rule(
  id: string,
  order: string,
  extra: Partial<SafetyRule> = {},
): SafetyRule {
  return {
    type: "safety_rule",
    id,
    must: true,
    text: "L. bliver hentet af en voksen, der ikke har drukket",
    keeper_participants: ["else"],
    status: "agreed",
    proposed_by: "louise",
    order,
    created_at: 1_795_000_000,
    ...extra,
  };
}

describe("the safety plan in the store", () => {
  beforeEach(() => {
    clearEntities();
    me.value = null;
  });

  it("orders rules and keeps proposals and last meeting's rules apart", () => {
    apply([
      { type: "upsert", entity: rule("b", "a2") },
      { type: "upsert", entity: rule("a", "a1") },
      {
        type: "upsert",
        entity: rule("p", "a3", { status: "proposed", proposed_by: "else" }),
      },
      {
        type: "upsert",
        entity: rule("old", "a0", { carried_from: "r-sidst" }),
      },
    ]);
    expect(agreedRules().map((r) => r.id)).toEqual(["a", "b"]);
    expect(safetyProposals().map((r) => r.id)).toEqual(["p"]);
    expect(carriedRules().map((r) => r.id)).toEqual(["old"]);
    apply([{ type: "remove", kind: "safety_rule", id: "b" }]);
    expect(agreedRules().map((r) => r.id)).toEqual(["a"]);
  });

  it("flags an agreed rule nobody keeps", () => {
    replaceAll([rule("a", "a1", { keeper_participants: [] }), rule("b", "a2")]);
    expect(unkeptRules().map((r) => r.id)).toEqual(["a"]);
  });

  it("asks a keeper to confirm, through their genogram person too, until they have", () => {
    me.value = {
      meetingId: "m",
      participantId: "else",
      role: "privat",
      admitted: true,
    };
    replaceAll([
      rule("a", "a1", { keeper_participants: [], keeper_persons: ["mormor"] }),
    ]);
    persons.value = new Map([
      [
        "mormor",
        {
          type: "person",
          id: "mormor",
          name: "Else",
          participant: "else",
        } as never,
      ],
    ]);
    expect(toConfirm(safetyRules.value.get("a")!)).toBe(true);
    const confirmed = rule("a", "a1", {
      keeper_persons: ["mormor"],
      confirmed_by: ["else"],
    });
    apply([{ type: "upsert", entity: confirmed }]);
    expect(toConfirm(safetyRules.value.get("a")!)).toBe(false);
  });
});
