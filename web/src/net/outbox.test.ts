import { describe, expect, it } from "vitest";
import type { Intent } from "../schema.gen";
import { Outbox, outboxKey, type KeyValue } from "./outbox";

/** localStorage as a page reload sees it: only what was written survives. */
class MemoryStorage implements KeyValue {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

function addNote(id: string, text: string): Intent {
  return { type: "card.add", id, card_id: `card${id}`, column: "works", text };
}

const KEY = outboxKey("m7Qx2", "pElse");

describe("Outbox", () => {
  it("is keyed by meeting and participant", () => {
    expect(KEY).toBe("kreds.outbox.m7Qx2.pElse");
  });

  it("keeps unsent intents across a reload, in the order they were made", () => {
    const storage = new MemoryStorage();
    const before = new Outbox(storage, KEY);
    before.add(addNote("op000001", "Mormor henter L. om tirsdagen"));
    before.add(addNote("op000002", "L. er glad for fodbold"));
    before.add({ type: "card.delete", id: "op000003", card_id: "cardop000001" });

    const after = new Outbox(storage, KEY);
    expect(after.all().map((intent) => intent.id)).toEqual(["op000001", "op000002", "op000003"]);
    expect(after.first()).toEqual(addNote("op000001", "Mormor henter L. om tirsdagen"));
  });

  it("removes an intent on its ack and persists that", () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, KEY);
    outbox.add(addNote("op000001", "Else kan have L. i weekenden"));
    outbox.add(addNote("op000002", "Skolen ringer hjem fredag"));
    expect(outbox.remove("op000001")?.id).toBe("op000001");
    expect(new Outbox(storage, KEY).all().map((intent) => intent.id)).toEqual(["op000002"]);
  });

  it("leaves nothing in storage once everything is acknowledged", () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, KEY);
    outbox.add(addNote("op000001", "Vi mødes igen om seks uger"));
    outbox.remove("op000001");
    expect(storage.data.has(KEY)).toBe(false);
    expect(new Outbox(storage, KEY).all()).toEqual([]);
  });

  it("an unknown ack id changes nothing", () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, KEY);
    outbox.add(addNote("op000001", "Farmor vil gerne hjælpe"));
    expect(outbox.remove("op999999")).toBeUndefined();
    expect(outbox.all()).toHaveLength(1);
  });

  it("keeps each meeting's and person's outbox apart", () => {
    const storage = new MemoryStorage();
    new Outbox(storage, KEY).add(addNote("op000001", "Else skriver"));
    expect(new Outbox(storage, outboxKey("m7Qx2", "pJonas")).all()).toEqual([]);
    expect(new Outbox(storage, outboxKey("other", "pElse")).all()).toEqual([]);
  });

  it("starts empty when what is stored is not an outbox", () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, "{not json");
    expect(new Outbox(storage, KEY).all()).toEqual([]);
  });
});
