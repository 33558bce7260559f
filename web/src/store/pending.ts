/** Intents this device has made that the board does not show yet: the local overlay. */
import { computed, signal } from "@preact/signals";
import type { Intent } from "../schema.gen";
import { lastSeq } from "./entities";

export interface Acked {
  intent: Intent;
  seq: number;
}

/** The outbox, in order: made here, not acknowledged yet (mirrors localStorage). */
export const queued = signal<readonly Intent[]>([]);
/** Acknowledged, but the `changes` with their seq have not arrived yet. */
export const acked = signal<readonly Acked[]>([]);

/** What to lay over the server's state, oldest first. */
export const overlay = computed<readonly Intent[]>(() => {
  const seq = lastSeq.value;
  return [
    ...acked.value.filter((item) => item.seq > seq).map((item) => item.intent),
    ...queued.value,
  ];
});

export const waitingCount = computed(() => queued.value.length);

export function remember(intent: Intent, seq: number): void {
  const at = lastSeq.peek();
  acked.value = [...acked.peek().filter((item) => item.seq > at), { intent, seq }];
}

type IntentOf<K extends Intent["type"]> = Extract<Intent, { type: K }>;

/** The newest edit of this kind still on its way (sent, or acked and its change not here yet):
 * the one way every view shows an edit waiting for its ack. A refused edit leaves the overlay,
 * so the view falls back to the server's state by itself. */
export function waitingEdit<K extends Intent["type"]>(
  type: K,
  match: (intent: IntentOf<K>) => boolean,
  pending: readonly Intent[] = overlay.value,
): IntentOf<K> | undefined {
  for (let index = pending.length - 1; index >= 0; index--) {
    const intent = pending[index]!;
    if (intent.type === type && match(intent as IntentOf<K>)) return intent as IntentOf<K>;
  }
  return undefined;
}
