import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ack, Intent, Sync } from "../schema.gen";
import { connection, ended, notice } from "../store/connection";
import { cards, lastSeq } from "../store/entities";
import { queued } from "../store/pending";
import { draft, giveBackText } from "../store/ui";
import * as actions from "./actions";
import { openLive } from "./live";
import { ELSE, MEETING, card } from "../test/meeting";

type Handler = (...args: any[]) => void;
type Answer = (event: string, payload: any) => Promise<unknown>;

/** Just enough of a socket.io client socket: the test plays the server. */
class FakeSocket {
  connected = false;
  active = true;
  sendBuffer: unknown[] = [];
  handlers = new Map<string, Handler[]>();
  sent: Array<{ event: string; payload: any }> = [];
  answer: Answer = async () => undefined;
  /** What `io()` was given, and the manager's options a reconnect uses. */
  options: { query?: Record<string, string> } = {};
  io = { opts: {} as { query?: Record<string, string> } };

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  timeout(): { emitWithAck: (event: string, payload: unknown) => Promise<unknown> } {
    return {
      emitWithAck: (event, payload) => {
        this.sent.push({ event, payload });
        return this.answer(event, payload);
      },
    };
  }
  connect(): this {
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  /** The server accepts the connection and lets this participant in. */
  admit(): void {
    this.connected = true;
    this.fire("connect");
    this.fire("welcome", {
      meeting_id: MEETING.id,
      role: "privat",
      admitted: true,
      participant_id: ELSE.id,
    });
  }
}

let socket: FakeSocket;
vi.mock("socket.io-client", () => ({
  io: (options: { query?: Record<string, string> }) => {
    socket.options = options;
    return socket;
  },
}));

class MemoryStorage {
  data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
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

const SNAPSHOT: Sync = {
  seq: 3,
  snapshot: [MEETING, ELSE, card("c1", "works", "Mormor henter", "a0")],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("the live connection and its outbox", () => {
  let storage: MemoryStorage;

  beforeEach(() => {
    socket = new FakeSocket();
    storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    vi.stubGlobal("window", new EventTarget());
    vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
    vi.stubGlobal("navigator", { onLine: true });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function open() {
    const leave = openLive({
      auth: { participant_token: "t0ken" },
      meetingId: MEETING.id,
      participantId: ELSE.id,
      onRefused: giveBackText,
    });
    return { actions, leave };
  }

  function acceptAll(seq = { next: 4 }): Answer {
    return async (event, payload) => {
      if (event === "hello") return SNAPSHOT;
      const ack: Ack = { id: (payload as Intent).id, ok: true, seq: seq.next++ };
      return ack;
    };
  }

  it("names its meeting to the proxy when it connects and when it reconnects", async () => {
    const { leave } = await open();
    expect(socket.options.query).toEqual({ meeting: MEETING.id });
    socket.answer = acceptAll();
    socket.admit();
    await settle();
    expect(socket.io.opts.query).toEqual({ meeting: MEETING.id });
    leave();
  });

  it("keeps notes written offline and sends them in order after connect and sync", async () => {
    const { actions, leave } = await open();
    actions.addCard("works", "Else kan hente om tirsdagen");
    actions.addCard("next", "Møde med skolen i januar");
    expect(queued.value.map((intent) => intent.type)).toEqual(["card.add", "card.add"]);
    expect(socket.sent).toEqual([]);

    socket.answer = acceptAll();
    socket.admit();
    await settle();

    expect(socket.sent.map((sent) => sent.event)).toEqual(["hello", "intent", "intent"]);
    expect(socket.sent[0]!.payload).toEqual({ last_seq: 0 });
    expect(socket.sent.slice(1).map((sent) => sent.payload.text)).toEqual([
      "Else kan hente om tirsdagen",
      "Møde med skolen i januar",
    ]);
    expect(queued.value).toEqual([]);
    expect(storage.getItem(`kreds.outbox.${MEETING.id}.${ELSE.id}`)).toBeNull();
    expect(connection.value).toBe("online");
    expect(cards.value.has("c1")).toBe(true);
    expect(lastSeq.value).toBe(3);
    leave();
  });

  it("survives a reload: a new page sends what the old one could not", async () => {
    const first = await open();
    first.actions.addCard("works", "Farmor vil gerne være med");
    first.leave();

    // A reload: nothing survives but localStorage; a new socket, a new outbox read from storage.
    queued.value = [];
    socket = new FakeSocket();
    const second = await open();
    expect(queued.value).toHaveLength(1);
    socket.answer = acceptAll();
    socket.admit();
    await settle();
    expect(socket.sent.filter((sent) => sent.event === "intent")[0]!.payload.text).toBe(
      "Farmor vil gerne være med",
    );
    expect(queued.value).toEqual([]);
    second.leave();
  });

  it("drops a refused intent, says why in Danish terms, and gives the text back", async () => {
    const { actions, leave } = await open();
    socket.answer = async (event, payload) =>
      event === "hello"
        ? SNAPSHOT
        : { id: (payload as Intent).id, ok: false, code: "cpr_detected", message: "CPR" };
    socket.admit();
    await settle();
    draft.value = "";
    actions.addCard("works", "L. har cpr 010203-1234");
    await settle();
    expect(queued.value).toEqual([]);
    expect(notice.value?.code).toBe("cpr_detected");
    expect(draft.value).toBe("L. har cpr 010203-1234");
    leave();
  });

  it("keeps an intent whose ack timed out, to send again", async () => {
    const { actions, leave } = await open();
    socket.answer = async (event) => {
      if (event === "hello") return SNAPSHOT;
      throw new Error("operation has timed out");
    };
    socket.admit();
    await settle();
    actions.addCard("works", "Naboen kan hjælpe med lektier");
    await settle();
    expect(queued.value).toHaveLength(1);
    expect(storage.getItem(`kreds.outbox.${MEETING.id}.${ELSE.id}`)).toContain("Naboen");
    leave();
  });

  it("keeps a rate-limited intent and sends it again after a pause", async () => {
    vi.useFakeTimers();
    const { actions, leave } = await open();
    let refuse = true;
    socket.answer = async (event, payload) => {
      if (event === "hello") return SNAPSHOT;
      const id = (payload as Intent).id;
      return refuse ? { id, ok: false, code: "rate_limited", message: "" } : { id, ok: true, seq: 4 };
    };
    socket.admit();
    await settle();
    actions.addCard("works", "Jonas tager Emil med til træning");
    await settle();
    expect(queued.value).toHaveLength(1);
    expect(notice.value).toBeNull();
    refuse = false;
    await vi.advanceTimersByTimeAsync(3_500);
    await settle();
    expect(queued.value).toEqual([]);
    expect(socket.sent.filter((sent) => sent.event === "intent")).toHaveLength(2);
    leave();
    vi.useRealTimers();
  });

  it("waits in the lobby until welcomed as admitted", async () => {
    const { leave } = await open();
    socket.connected = true;
    socket.fire("connect");
    socket.fire("welcome", {
      meeting_id: MEETING.id,
      role: "privat",
      admitted: false,
      participant_id: ELSE.id,
    });
    expect(connection.value).toBe("lobby");
    expect(socket.sent).toEqual([]);
    leave();
  });

  it("treats a refused connection as the end, with the server's code", async () => {
    const { leave } = await open();
    socket.active = false;
    socket.fire("connect_error", new Error("not_found"));
    expect(ended.value).toEqual({ code: "not_found", reason: "refused" });
    leave();
  });

  it("resyncs from its last seq when the page becomes visible again", async () => {
    const { leave } = await open();
    socket.answer = acceptAll();
    socket.admit();
    await settle();
    document.dispatchEvent(new Event("visibilitychange"));
    await settle();
    const hellos = socket.sent.filter((sent) => sent.event === "hello");
    expect(hellos.map((sent) => sent.payload)).toEqual([{ last_seq: 0 }, { last_seq: 3 }]);
    leave();
  });
});
