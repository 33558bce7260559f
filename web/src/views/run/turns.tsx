/** The word: who has it, the round, the speaker queue, the seats and talk time. */
import type Sortable from "sortablejs";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n";
import {
  giveWord,
  lowerHand,
  markAbsent,
  nextTurn,
  orderQueue,
  passTurn,
  setSeats,
  startRound,
  stopTurns,
} from "../../net/facilitation";
import type { Participant } from "../../schema.gen";
import { serverNow, turns } from "../../store/facilitation";
import { admittedPeople } from "../people";
import { nameOf, SpeakerBanner } from "../running";

/** Everyone in a round, in seat order: the seats the facilitator set, then the rest as joined. */
function seated(): Participant[] {
  const people = admittedPeople().filter((person) => person.role !== "facilitator");
  const order = turns.value?.seats ?? [];
  const placed = order
    .map((id) => people.find((person) => person.id === id))
    .filter((person): person is Participant => person !== undefined);
  return [...placed, ...people.filter((person) => !order.includes(person.id))];
}

function talkTime(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export function TurnsPanel() {
  const current = turns.value;
  const [topic, setTopic] = useState("");
  const queue = current?.queue ?? [];
  const round = (current?.round ?? []).length > 0;
  return (
    <section class="panel stack" aria-labelledby="turns-title" data-testid="turns-panel">
      <h3 id="turns-title">{t("turns.title")}</h3>
      <SpeakerBanner size="facilitator" />
      <div class="row">
        <button
          type="button"
          class="button button--primary"
          disabled={!current?.next && !current?.speaker}
          data-testid="turns-next"
          onClick={() => nextTurn()}
        >
          {t("turns.nextTurn")}
        </button>
        {round && current?.speaker && (
          <button type="button" class="button" data-testid="turns-pass" onClick={() => passTurn()}>
            {t("turns.pass")}
          </button>
        )}
        <button
          type="button"
          class="button"
          disabled={!current?.speaker && !round}
          data-testid="turns-stop"
          onClick={() => stopTurns()}
        >
          {t("turns.stop")}
        </button>
      </div>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (startRound(topic)) setTopic("");
        }}
      >
        <label class="field field--grow">
          <span>{t("turns.roundTopic")}</span>
          <input
            class="input"
            value={topic}
            maxLength={120}
            data-testid="round-topic"
            onInput={(event) => setTopic(event.currentTarget.value)}
          />
        </label>
        <button class="button" data-testid="round-start">
          {t("turns.startRound")}
        </button>
      </form>
      <Seats />
      <div class="stack stack--small" data-testid="queue">
        <h4>{t("turns.queue")}</h4>
        <label class="switch">
          <input
            type="checkbox"
            checked={current?.unspoken_first ?? false}
            data-testid="unspoken-first"
            onChange={(event) => orderQueue(event.currentTarget.checked)}
          />
          <span>{t("turns.unspokenFirst")}</span>
        </label>
        {queue.length === 0 ? (
          <p class="muted">{t("turns.queueEmpty")}</p>
        ) : (
          <ol class="queue">
            {queue.map((id) => (
              <li key={id} class="queue__item" data-testid={`queue-item-${id}`}>
                <span>{nameOf(id)}</span>
                <span class="row">
                  <button
                    type="button"
                    class="button button--small button--primary"
                    data-testid={`give-${id}`}
                    aria-label={t("turns.giveTo", { name: nameOf(id) })}
                    onClick={() => giveWord(id)}
                  >
                    {t("turns.give")}
                  </button>
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={t("turns.lowerFor", { name: nameOf(id) })}
                    onClick={() => lowerHand(id)}
                  >
                    ✕
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

/** Seat order by dragging (SortableJS, as on the board) or by the arrow buttons; each person's
 * presence, turns and talk time beside them. */
function Seats() {
  const people = seated();
  const current = turns.value;
  const ref = useRef<HTMLOListElement>(null);
  const order = people.map((person) => person.id);
  const orderRef = useRef(order);
  orderRef.current = order;

  useEffect(() => {
    let sortable: Sortable | null = null;
    let cancelled = false;
    void import("sortablejs").then(({ default: SortableJS }) => {
      if (cancelled || !ref.current) return;
      sortable = SortableJS.create(ref.current, {
        draggable: "[data-seat]",
        filter: "button, input, label",
        preventOnFilter: false,
        forceFallback: true,
        fallbackTolerance: 4,
        animation: matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 150,
        onEnd(event) {
          const { oldIndex, newIndex } = event;
          // Preact owns the nodes: put the dragged one back, and let the new order re-render.
          const item = event.item;
          const parent = event.from;
          parent.removeChild(item);
          parent.insertBefore(item, parent.children[oldIndex ?? 0] ?? null);
          if (oldIndex === undefined || newIndex === undefined || oldIndex === newIndex) return;
          const next = [...orderRef.current];
          const [moved] = next.splice(oldIndex, 1);
          next.splice(newIndex, 0, moved!);
          setSeats(next);
        },
      });
      // Dragging works from here on (SortableJS is loaded on demand).
      ref.current.dataset["drag"] = "ready";
    });
    return () => {
      cancelled = true;
      sortable?.destroy();
    };
  }, []);
  const swap = (index: number, by: number): void => {
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    setSeats(next);
  };
  return (
    <div class="stack stack--small">
      <h4>{t("turns.seats")}</h4>
      <p class="muted">{t("turns.seatsHelp")}</p>
      <ol class="seats" ref={ref} data-testid="seats">
        {people.map((person, index) => {
          const absent = current?.absent?.includes(person.id) ?? false;
          const speaking = current?.speaker === person.id;
          const passed = current?.passed?.includes(person.id) ?? false;
          const done = current?.done?.includes(person.id) ?? false;
          return (
            <li
              key={person.id}
              data-seat=""
              class={`seat ${speaking ? "seat--speaking" : ""} ${absent ? "seat--absent" : ""}`}
              data-testid={`seat-${person.id}`}
              data-absent={absent ? "true" : "false"}
            >
              <span class="seat__name">
                {person.name}
                {person.remote && <span class="muted"> · {t("turns.remote")}</span>}
                {passed ? (
                  <span class="muted"> · {t("turns.passed")}</span>
                ) : (
                  done && <span class="muted"> · {t("turns.hadTurn")}</span>
                )}
              </span>
              <TalkTime participantId={person.id} />
              <span class="row">
                <button
                  type="button"
                  class="button button--small"
                  data-testid={`seat-give-${person.id}`}
                  aria-label={t("turns.giveTo", { name: person.name })}
                  onClick={() => giveWord(person.id)}
                >
                  {t("turns.give")}
                </button>
                <label class="switch switch--small">
                  <input
                    type="checkbox"
                    checked={absent}
                    data-testid={`seat-absent-${person.id}`}
                    onChange={(event) => markAbsent(person.id, event.currentTarget.checked)}
                  />
                  <span>{t("turns.absent")}</span>
                </label>
                <button
                  type="button"
                  class="button button--small button--icon"
                  disabled={index === 0}
                  aria-label={`${t("agenda.up")}: ${person.name}`}
                  onClick={() => swap(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="button button--small button--icon"
                  disabled={index === people.length - 1}
                  aria-label={`${t("agenda.down")}: ${person.name}`}
                  onClick={() => swap(index, 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p class="muted">{t("turns.talkHelp")}</p>
    </div>
  );
}

/** One person's talk time; it counts up by itself while they speak, so the seat list (which
 * SortableJS may be dragging) is not re-rendered every second. */
function TalkTime({ participantId }: { participantId: string }) {
  const current = turns.value;
  const speaking = current?.speaker === participantId;
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!speaking) return;
    const every = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(every);
  }, [speaking]);
  const since = speaking ? current?.speaker_since : null;
  const spoken = (current?.talk?.[participantId] ?? 0) + (since ? serverNow() - since : 0);
  return (
    <span class="seat__talk muted" data-testid={`talk-${participantId}`}>
      {t("turns.talkOf", { time: talkTime(spoken), count: current?.turns?.[participantId] ?? 0 })}
    </span>
  );
}
