import { beforeEach, describe, expect, it } from "vitest";
import type { Agreement } from "../schema.gen";
import { parseRoute } from "./route";
import { agreedList, carriedList, proposalList } from "./agreements";
import { agreements, apply, clearEntities, confirmations, replaceAll } from "./entities";

function agreement(id: string, order: string, extra: Partial<Agreement> = {}): Agreement {
  return {
    type: "agreement",
    id,
    what: "Følge L. i skole om morgenen",
    who_names: ["Mormor Else"],
    when_text: "hver tirsdag",
    status: "agreed",
    proposed_by: "louise",
    order,
    created_at: 1_795_000_000,
    ...extra,
  };
}

describe("agreements in the store", () => {
  beforeEach(() => clearEntities());

  it("sorts agreements by order and splits agreed, proposed and carried", () => {
    apply([
      { type: "upsert", entity: agreement("b", "a2") },
      { type: "upsert", entity: agreement("a", "a1") },
      { type: "upsert", entity: agreement("p", "a3", { status: "proposed", proposed_by: "else" }) },
      { type: "upsert", entity: agreement("old", "a0", { carried_from: "last-meeting" }) },
    ]);
    expect(agreedList().map((a) => a.id)).toEqual(["a", "b"]);
    expect(proposalList().map((a) => a.id)).toEqual(["p"]);
    expect(carriedList().map((a) => a.id)).toEqual(["old"]);
  });

  it("removes agreements and confirmations by kind, and a snapshot replaces them", () => {
    apply([
      { type: "upsert", entity: agreement("a", "a1") },
      { type: "upsert", entity: { type: "confirmation", id: "else", agrees: true, at: 1 } },
    ]);
    apply([
      { type: "remove", kind: "confirmation", id: "else" },
      { type: "remove", kind: "agreement", id: "a" },
    ]);
    expect(agreements.value.size).toBe(0);
    expect(confirmations.value.size).toBe(0);
    replaceAll([
      agreement("z", "a1"),
      { type: "confirmation", id: "jonas", agrees: false, comment: "Kun om tirsdagen", at: 2 },
    ]);
    expect([...agreements.value.keys()]).toEqual(["z"]);
    expect(confirmations.value.get("jonas")?.comment).toBe("Kun om tirsdagen");
  });
});

describe("the case route", () => {
  it("reads a case id from /c/<id> and refuses anything else", () => {
    expect(parseRoute("/c/abc123", "")).toEqual({ view: "case", caseId: "abc123" });
    expect(parseRoute("/c/../x", "")).toEqual({ view: "missing" });
  });
});
