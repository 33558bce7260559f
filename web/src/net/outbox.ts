/** Unacknowledged intents, in order, kept in localStorage so a reload or a dead network loses none. */
import type { Intent } from "../schema.gen";

/** The part of Storage the outbox needs (localStorage, or a stand-in in tests). */
export type KeyValue = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function outboxKey(meetingId: string, participantId: string): string {
  return `kreds.outbox.${meetingId}.${participantId}`;
}

export class Outbox {
  private items: Intent[];

  constructor(
    private readonly storage: KeyValue,
    readonly key: string,
  ) {
    this.items = this.load();
  }

  private load(): Intent[] {
    try {
      const raw = this.storage.getItem(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed)
        ? parsed.filter(
            (item): item is Intent =>
              typeof item === "object" && item !== null && "id" in item && "type" in item,
          )
        : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      if (this.items.length) this.storage.setItem(this.key, JSON.stringify(this.items));
      else this.storage.removeItem(this.key);
    } catch {
      // storage full or blocked: the intents still live in memory until sent
    }
  }

  all(): readonly Intent[] {
    return this.items;
  }

  first(): Intent | undefined {
    return this.items[0];
  }

  add(intent: Intent): void {
    this.items = [...this.items, intent];
    this.save();
  }

  /** Drop an intent once the server has answered it, whatever the answer. */
  remove(id: string): Intent | undefined {
    const found = this.items.find((item) => item.id === id);
    if (!found) return undefined;
    this.items = this.items.filter((item) => item.id !== id);
    this.save();
    return found;
  }
}
