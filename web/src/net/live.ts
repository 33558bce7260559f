/** The live link to one meeting: socket.io, welcome → hello → sync, `changes` by seq, the outbox. */
import { batch } from "@preact/signals";
import { io, type Socket } from "socket.io-client";
import type {
  Ack,
  ChangesEvent,
  Goodbye,
  Hello,
  Intent,
  Presence,
  Sync,
  Welcome,
} from "../schema.gen";
import { connection, ended, links, me, notice, presence, type Ended } from "../store/connection";
import { apply, clearEntities, lastSeq, replaceAll } from "../store/entities";
import { learnServerTime } from "../store/facilitation";
import { answered, sentFrom, type FormName } from "../store/forms";
import { acked, queued, remember } from "../store/pending";
import { learnPermissions } from "../store/permissions";
import { Outbox, outboxKey } from "./outbox";
import { Sequencer } from "./sequencer";

export type SocketAuth =
  { participant_token: string } | { screen_token: string } | { meeting_id: string };

interface ServerEvents {
  welcome: (welcome: Welcome) => void;
  changes: (event: ChangesEvent) => void;
  presence: (presence: Presence) => void;
  goodbye: (goodbye: Goodbye) => void;
}

interface ClientEvents {
  hello: (hello: Hello, answer: (sync: Sync | Ack) => void) => void;
  intent: (intent: Intent, answer: (ack: Ack) => void) => void;
}

export interface LiveOptions {
  auth: SocketAuth;
  /** Known before connecting (a phone that joined earlier): the outbox opens at once, even offline. */
  meetingId?: string;
  participantId?: string;
  /** The server said goodbye or refused the link; the device is out for good. */
  onEnded?: (why: Ended) => void;
  /** The server refused an intent (after its form or the notice is told): the view that sent it
   * may take its words back (store/ui.ts giveBackText). */
  onRefused?: (intent: Intent) => void;
}

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 3_000;
/** Unreachable this long while the network is up: call it offline, not "reconnecting". */
const OFFLINE_AFTER_MS = 8_000;

function isAck(answer: Sync | Ack): answer is Ack {
  return "ok" in answer;
}

class Live {
  private readonly socket: Socket<ServerEvents, ClientEvents>;
  private readonly sequencer: Sequencer;
  private outbox: Outbox | null = null;
  private admitted = false;
  private synced = false;
  private syncing = false;
  private pumping = false;
  private closed = false;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly unlisten: Array<() => void> = [];

  constructor(private readonly options: LiveOptions) {
    this.sequencer = new Sequencer({
      apply,
      replace: replaceAll,
      advanced: (seq) => {
        lastSeq.value = seq;
      },
      resync: () => void this.hello(),
    });
    if (options.meetingId && options.participantId) {
      this.openOutbox(options.meetingId, options.participantId);
    }
    const meetingId =
      "meeting_id" in options.auth ? options.auth.meeting_id : options.meetingId;
    this.socket = io({
      path: "/socket.io",
      auth: options.auth,
      // A proxy in front of several nodes routes the socket to its meeting's node by this.
      query: meetingId ? { meeting: meetingId } : {},
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket.on("connect", () => this.onConnect());
    this.socket.on("disconnect", (reason) => this.onDisconnect(reason));
    this.socket.on("connect_error", (error) => this.onConnectError(error));
    this.socket.on("welcome", (welcome) => this.onWelcome(welcome));
    this.socket.on("changes", (event) => {
      if (this.admitted) this.sequencer.onChanges(event);
    });
    this.socket.on("presence", (event) => {
      presence.value = new Set(event.online);
    });
    this.socket.on("goodbye", (goodbye) => this.end({ code: goodbye.code, reason: "goodbye" }));
    this.listen(window, "online", () => this.onNetworkBack());
    this.listen(window, "offline", () => this.showDisconnected());
    this.listen(document, "visibilitychange", () => {
      if (document.visibilityState === "visible") this.onVisible();
    });
    this.showDisconnected();
  }

  close(): void {
    this.closed = true;
    this.clearOfflineTimer();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.sequencer.reset();
    for (const stop of this.unlisten) stop();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  submit(intent: Intent): boolean {
    if (!this.outbox || this.closed) return false;
    this.outbox.add(intent);
    this.mirror();
    void this.pump();
    return true;
  }

  // -- connection ---------------------------------------------------------------------------

  private listen(target: EventTarget, type: string, handler: () => void): void {
    target.addEventListener(type, handler);
    this.unlisten.push(() => target.removeEventListener(type, handler));
  }

  private onConnect(): void {
    this.clearOfflineTimer();
    // `welcome` follows at once; until it does we are not in the meeting yet.
    if (connection.peek() !== "lobby") connection.value = "connecting";
  }

  private onDisconnect(reason: string): void {
    this.admitted = false;
    this.synced = false;
    this.syncing = false;
    this.sequencer.reset();
    this.socket.sendBuffer = []; // the outbox resends what matters, after the next sync
    if (this.closed || ended.peek()) return;
    this.showDisconnected();
    if (reason === "io server disconnect") {
      // Sent away without a goodbye (e.g. a restart): try again; a dead link is refused then.
      this.later(() => this.socket.connect(), RETRY_MS);
    }
  }

  private onConnectError(error: Error): void {
    if (this.closed) return;
    if (!this.socket.active) {
      // The server refused this link (not a network failure): socket.io will not retry.
      this.end({ code: error.message || "not_allowed", reason: "refused" });
      return;
    }
    this.showDisconnected();
  }

  private onNetworkBack(): void {
    if (this.closed || ended.peek()) return;
    if (!this.socket.connected) {
      connection.value = "connecting";
      this.socket.connect();
    }
  }

  private onVisible(): void {
    if (this.closed || ended.peek()) return;
    if (this.socket.connected) void this.hello();
    else this.socket.connect();
  }

  private showDisconnected(): void {
    if (this.socket?.connected) return;
    if (!navigator.onLine) {
      this.clearOfflineTimer();
      connection.value = "offline";
      return;
    }
    if (connection.peek() !== "offline") connection.value = "connecting";
    if (this.offlineTimer === null) {
      this.offlineTimer = setTimeout(() => {
        this.offlineTimer = null;
        if (!this.socket.connected && !this.closed && !ended.peek()) connection.value = "offline";
      }, OFFLINE_AFTER_MS);
    }
  }

  private clearOfflineTimer(): void {
    if (this.offlineTimer !== null) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
  }

  private end(why: Ended): void {
    if (ended.peek()) return;
    ended.value = why;
    this.options.onEnded?.(why);
    this.close();
  }

  private later(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.retryTimers.add(timer);
  }

  // -- welcome, hello, sync -----------------------------------------------------------------

  private onWelcome(welcome: Welcome): void {
    learnServerTime(welcome.now);
    learnPermissions(welcome.permissions);
    const before = me.peek();
    if (before?.admitted && before.role !== welcome.role) this.sequencer.restart();
    me.value = {
      meetingId: welcome.meeting_id,
      participantId: welcome.participant_id ?? null,
      role: welcome.role,
      admitted: welcome.admitted,
    };
    if (welcome.links) links.value = welcome.links;
    if (welcome.participant_id) this.openOutbox(welcome.meeting_id, welcome.participant_id);
    this.socket.io.opts.query = { meeting: welcome.meeting_id }; // reconnects name it too
    if (!welcome.admitted) {
      this.admitted = false;
      connection.value = "lobby";
      return;
    }
    this.admitted = true;
    void this.hello();
  }

  private async hello(): Promise<void> {
    if (this.closed || !this.socket.connected || !this.admitted || this.syncing) return;
    this.syncing = true;
    const hello: Hello = { last_seq: this.sequencer.beginSync() };
    let answer: Sync | Ack;
    try {
      answer = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("hello", hello);
    } catch {
      this.syncing = false;
      this.sequencer.abortSync();
      this.later(() => void this.hello(), RETRY_MS);
      return;
    }
    this.syncing = false;
    if (this.closed) return;
    if (isAck(answer)) {
      // The server could not answer now (rate limit, not admitted yet): ask again shortly.
      this.sequencer.abortSync();
      this.later(() => void this.hello(), RETRY_MS);
      return;
    }
    this.sequencer.onSync(answer);
    this.synced = true;
    connection.value = "online";
    void this.pump();
  }

  // -- the outbox ---------------------------------------------------------------------------

  private openOutbox(meetingId: string, participantId: string): void {
    const key = outboxKey(meetingId, participantId);
    if (this.outbox?.key === key) return;
    this.outbox = new Outbox(localStorage, key);
    this.mirror();
  }

  private mirror(): void {
    queued.value = this.outbox ? [...this.outbox.all()] : [];
  }

  /** Send the outbox in order, one at a time; stop on a timeout and keep what is unanswered. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.outbox && this.synced && this.socket.connected && !this.closed) {
        const intent = this.outbox.first();
        if (!intent) break;
        let ack: Ack;
        const sentAt = Date.now();
        try {
          ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("intent", intent);
          learnServerTime(ack.now, sentAt);
        } catch {
          this.later(() => void this.pump(), RETRY_MS);
          break;
        }
        if (this.closed) break;
        if (!ack.ok && (ack.code === "rate_limited" || ack.code === "unavailable")) {
          // Nothing was applied: keep the intent and send it again after a pause.
          this.later(() => void this.pump(), RETRY_MS);
          break;
        }
        this.outbox.remove(intent.id);
        batch(() => {
          this.mirror();
          if (ack.ok) {
            if (typeof ack.seq === "number") remember(intent, ack.seq);
            answered(intent, null);
          } else {
            // A form that sent it shows the refusal by its fields; anything else, the notice.
            const refused = { code: ack.code ?? "unknown", message: ack.message, params: ack.params };
            if (!answered(intent, refused)) notice.value = refused;
            this.options.onRefused?.(intent);
          }
        });
      }
    } finally {
      this.pumping = false;
    }
  }
}

let current: Live | null = null;

/** Connect to a meeting (closing any other); returns the function that leaves it. */
export function openLive(options: LiveOptions): () => void {
  current?.close();
  batch(() => {
    clearEntities();
    connection.value = "connecting";
    me.value = null;
    presence.value = new Set();
    links.value = null;
    ended.value = null;
    notice.value = null;
    queued.value = [];
    acked.value = [];
  });
  const live = new Live(options);
  current = live;
  return () => {
    live.close();
    if (current === live) current = null;
  };
}

/** Queue an intent: it is sent now when online, or after the next (re)connect and sync.
 * `from` names the form it was sent from, which keeps what was typed until the ack. */
export function submit(intent: Intent, from?: FormName): boolean {
  const queued = current?.submit(intent) ?? false;
  if (queued && from) sentFrom(from, intent.id);
  return queued;
}
