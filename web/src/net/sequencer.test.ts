import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Change } from "../schema.gen";
import { card } from "../test/meeting";
import { Sequencer } from "./sequencer";

function note(n: number): Change[] {
  return [{ type: "upsert", entity: card(`c${n}`, "works", `Note nummer ${n}`, `a${n}`) }];
}

function setup(lastSeq = 0) {
  const applied: string[] = [];
  const replaced: string[][] = [];
  const resyncs = { count: 0 };
  const seqs: number[] = [];
  const sequencer = new Sequencer(
    {
      apply: (changes) => {
        for (const change of changes) {
          applied.push(change.type === "upsert" ? change.entity.id : `-${change.id}`);
        }
      },
      replace: (entities) => replaced.push(entities.map((entity) => entity.id)),
      advanced: (seq) => seqs.push(seq),
      resync: () => {
        resyncs.count += 1;
      },
    },
    lastSeq,
  );
  return { sequencer, applied, replaced, resyncs, seqs };
}

describe("Sequencer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("applies changes that arrive in order", () => {
    const { sequencer, applied } = setup(4);
    sequencer.onChanges({ seq: 5, changes: note(5) });
    sequencer.onChanges({ seq: 6, changes: note(6) });
    expect(applied).toEqual(["c5", "c6"]);
    expect(sequencer.lastSeq).toBe(6);
  });

  it("ignores a seq it already has", () => {
    const { sequencer, applied } = setup(4);
    sequencer.onChanges({ seq: 5, changes: note(5) });
    sequencer.onChanges({ seq: 5, changes: note(5) });
    sequencer.onChanges({ seq: 3, changes: note(3) });
    expect(applied).toEqual(["c5"]);
    expect(sequencer.lastSeq).toBe(5);
  });

  it("buffers changes that run ahead and applies them when the gap is filled", () => {
    const { sequencer, applied, resyncs } = setup(4);
    sequencer.onChanges({ seq: 7, changes: note(7) });
    sequencer.onChanges({ seq: 6, changes: note(6) });
    expect(applied).toEqual([]);
    sequencer.onChanges({ seq: 5, changes: note(5) });
    expect(applied).toEqual(["c5", "c6", "c7"]);
    expect(sequencer.lastSeq).toBe(7);
    vi.advanceTimersByTime(5000);
    expect(resyncs.count).toBe(0);
  });

  it("asks for a resync when a gap is not filled within a second", () => {
    const { sequencer, applied, resyncs } = setup(4);
    sequencer.onChanges({ seq: 6, changes: note(6) });
    vi.advanceTimersByTime(900);
    expect(resyncs.count).toBe(0);
    vi.advanceTimersByTime(200);
    expect(resyncs.count).toBe(1);
    expect(applied).toEqual([]);
  });

  it("fills a gap from the ops of a sync, then applies what was buffered", () => {
    const { sequencer, applied, seqs } = setup(4);
    sequencer.onChanges({ seq: 7, changes: note(7) });
    expect(sequencer.beginSync()).toBe(4);
    sequencer.onSync({
      seq: 6,
      ops: [
        { seq: 6, changes: note(6) },
        { seq: 5, changes: note(5) },
      ],
    });
    expect(applied).toEqual(["c5", "c6", "c7"]);
    expect(sequencer.lastSeq).toBe(7);
    expect(seqs.at(-1)).toBe(7);
  });

  it("does not ask again while a hello is on its way", () => {
    const { sequencer, resyncs } = setup(4);
    sequencer.beginSync();
    sequencer.onChanges({ seq: 9, changes: note(9) });
    vi.advanceTimersByTime(3000);
    expect(resyncs.count).toBe(0);
  });

  it("drops buffered changes a snapshot already covers", () => {
    const { sequencer, applied, replaced } = setup(0);
    sequencer.onChanges({ seq: 11, changes: note(11) });
    sequencer.onChanges({ seq: 13, changes: note(13) });
    sequencer.beginSync();
    sequencer.onSync({ seq: 12, snapshot: [card("c1", "works", "Alt indtil nu", "a0")] });
    expect(replaced).toEqual([["c1"]]);
    expect(applied).toEqual(["c13"]);
    expect(sequencer.lastSeq).toBe(13);
  });

  it("skips ops of a sync that it has already applied", () => {
    const { sequencer, applied } = setup(5);
    sequencer.beginSync();
    sequencer.onSync({
      seq: 6,
      ops: [
        { seq: 5, changes: note(5) },
        { seq: 6, changes: note(6) },
      ],
    });
    expect(applied).toEqual(["c6"]);
  });

  it("forgets what ran ahead when the connection drops", () => {
    const { sequencer, resyncs, applied } = setup(4);
    sequencer.onChanges({ seq: 6, changes: note(6) });
    sequencer.reset();
    vi.advanceTimersByTime(2000);
    expect(resyncs.count).toBe(0);
    sequencer.onChanges({ seq: 5, changes: note(5) });
    expect(applied).toEqual(["c5"]);
  });

  it("starts from nothing again when restarted", () => {
    const { sequencer } = setup(7);
    sequencer.restart();
    expect(sequencer.beginSync()).toBe(0);
  });
});
