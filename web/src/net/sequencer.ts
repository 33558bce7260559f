/** Resync by seq: apply `changes` strictly in order, buffer what runs ahead, ask again on a gap. */
import type { Change, ChangesEvent, Entity, Sync } from "../schema.gen";

export interface SequencerHooks {
  apply(changes: readonly Change[]): void;
  replace(entities: readonly Entity[]): void;
  /** Called with the new last seq after anything was applied. */
  advanced(seq: number): void;
  /** A gap was not filled in time: send `hello` again. */
  resync(): void;
}

export const GAP_WAIT_MS = 1000;

export class Sequencer {
  private last: number;
  private ahead = new Map<number, readonly Change[]>();
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing = false;

  constructor(
    private readonly hooks: SequencerHooks,
    lastSeq = 0,
    private readonly gapWaitMs = GAP_WAIT_MS,
  ) {
    this.last = lastSeq;
  }

  get lastSeq(): number {
    return this.last;
  }

  /** A `hello` is on its way; returns the last_seq to send. Gaps wait for its answer. */
  beginSync(): number {
    this.syncing = true;
    this.clearTimer();
    return this.last;
  }

  /** The `hello` got no answer (timeout, disconnect). */
  abortSync(): void {
    this.syncing = false;
    this.watchGap();
  }

  onSync(sync: Sync): void {
    this.syncing = false;
    if (sync.snapshot) {
      this.hooks.replace(sync.snapshot);
      this.last = sync.seq;
    } else if (sync.ops) {
      for (const op of [...sync.ops].sort((a, b) => a.seq - b.seq)) {
        if (op.seq <= this.last) continue;
        this.hooks.apply(op.changes);
        this.last = op.seq;
      }
      this.last = Math.max(this.last, sync.seq);
    } else {
      this.last = Math.max(this.last, sync.seq);
    }
    this.hooks.advanced(this.last);
    this.drain();
  }

  onChanges(event: ChangesEvent): void {
    if (event.seq <= this.last) return; // already have it (a duplicate, or covered by a sync)
    this.ahead.set(event.seq, event.changes);
    this.drain();
  }

  /** Start again from nothing: a new role may see what the old one was never sent. */
  restart(): void {
    this.reset();
    this.last = 0;
  }

  /** The connection is gone: what runs ahead may never be filled by this socket. */
  reset(): void {
    this.syncing = false;
    this.ahead.clear();
    this.clearTimer();
  }

  private drain(): void {
    let applied = false;
    for (const seq of [...this.ahead.keys()]) if (seq <= this.last) this.ahead.delete(seq);
    for (;;) {
      const next = this.ahead.get(this.last + 1);
      if (!next) break;
      this.ahead.delete(this.last + 1);
      this.hooks.apply(next);
      this.last += 1;
      applied = true;
    }
    if (applied) this.hooks.advanced(this.last);
    this.watchGap();
  }

  private watchGap(): void {
    if (this.ahead.size === 0) {
      this.clearTimer();
      return;
    }
    if (this.syncing || this.gapTimer !== null) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.ahead.size > 0 && !this.syncing) this.hooks.resync();
    }, this.gapWaitMs);
  }

  private clearTimer(): void {
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
