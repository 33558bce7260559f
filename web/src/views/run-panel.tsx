/** The facilitator's controls for running the meeting: the agenda, the bekymringsgrundlag, the
 * word (round and talerække), the timer, private writing, family time and the handoff. */
import type Sortable from "sortablejs";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import {
  addPhase,
  chooseAgenda,
  editConcern,
  extendTimer,
  giveWord,
  goToPhase,
  handOver,
  lowerHand,
  markAbsent,
  movePhase,
  nextPhase,
  nextTurn,
  orderQueue,
  passTurn,
  pauseTimer,
  previousPhase,
  renamePhase,
  resumeTimer,
  revealNotes,
  setAnonymous,
  setSeats,
  skipPhase,
  startFamilyTime,
  startPrivateWriting,
  startRound,
  startTimer,
  stopTimer,
  stopTurns,
  type AgendaTemplate,
  type ConcernDraft,
} from "../net/facilitation";
import type { ColumnKey, Participant, Phase } from "../schema.gen";
import { me } from "../store/connection";
import { meeting } from "../store/entities";
import {
  agenda,
  concern,
  currentPhase,
  serverNow,
  timer,
  turns,
  writing,
} from "../store/facilitation";
import { admittedPeople } from "./people";
import { nameOf, phaseTitle, SpeakerBanner, TimerDisplay } from "./running";

export function RunPanel() {
  return (
    <section class="run stack" aria-labelledby="run-title" data-testid="run-panel">
      <h2 id="run-title" class="visually-hidden">
        {t("fac.run")}
      </h2>
      <AgendaBar />
      <div class="run__grid">
        <TurnsPanel />
        <div class="stack">
          <TimerPanel />
          <WritingPanel />
          <HandoffPanel />
        </div>
      </div>
      <AgendaEditor />
      <ConcernEditor />
    </section>
  );
}

function AgendaBar() {
  const phase = currentPhase();
  const phases = agenda.value?.phases ?? [];
  const open = phases.filter((each) => !each.skipped);
  const at = phase ? open.findIndex((each) => each.id === phase.id) : -1;
  return (
    <div class="panel agenda-bar" data-testid="agenda-bar">
      <button
        type="button"
        class="button button--large"
        disabled={at <= 0}
        data-testid="agenda-back"
        onClick={() => previousPhase()}
      >
        <span class="direction-arrow" aria-hidden="true">
          ←
        </span>{" "}
        {t("agenda.back")}
      </button>
      <div class="agenda-bar__now">
        <span class="muted">
          {at >= 0 ? t("phase.of", { n: at + 1, total: open.length }) : t("phase.label")}
        </span>
        <strong data-testid="agenda-current" data-phase={phase?.id ?? ""}>
          {phase ? phaseTitle(phase) : ""}
        </strong>
      </div>
      <button
        type="button"
        class="button button--primary button--large"
        disabled={at >= open.length - 1}
        data-testid="agenda-next"
        onClick={() => nextPhase()}
      >
        {t("agenda.next")}{" "}
        <span class="direction-arrow" aria-hidden="true">
          →
        </span>
      </button>
    </div>
  );
}

const TEMPLATES: AgendaTemplate[] = ["network", "followup", "pre", "three_houses"];

function AgendaEditor() {
  const phases = agenda.value?.phases ?? [];
  const currentId = agenda.value?.current;
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<AgendaTemplate>(agenda.value?.template ?? "network");
  return (
    <details class="panel" data-testid="agenda-editor">
      <summary>
        <h3 class="run__summary">{t("agenda.title")}</h3>
      </summary>
      <ol class="agenda-list">
        {phases.map((phase, index) => (
          <PhaseRow
            key={phase.id}
            phase={phase}
            current={phase.id === currentId}
            before={index > 1 ? phases[index - 2]!.id : null}
            canUp={index > 0}
            after={index < phases.length - 1 ? phases[index + 1]!.id : null}
          />
        ))}
      </ol>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (addPhase(title, currentId ?? null)) setTitle("");
        }}
      >
        <label class="field field--grow">
          <span>{t("agenda.addLabel")}</span>
          <input
            class="input"
            value={title}
            maxLength={80}
            data-testid="agenda-add-input"
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        </label>
        <button class="button" disabled={!title.trim()} data-testid="agenda-add">
          {t("agenda.add")}
        </button>
      </form>
      <div class="row">
        <label class="field">
          <span>{t("agenda.template")}</span>
          <select
            class="select"
            value={template}
            data-testid="agenda-template"
            onChange={(event) => setTemplate(event.currentTarget.value as AgendaTemplate)}
          >
            {TEMPLATES.map((each) => (
              <option key={each} value={each}>
                {t(`agenda.${each}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="button"
          data-testid="agenda-use"
          onClick={() => {
            if (confirm(t("agenda.confirmUse"))) chooseAgenda(template);
          }}
        >
          {t("agenda.use")}
        </button>
      </div>
    </details>
  );
}

interface PhaseRowProps {
  phase: Phase;
  current: boolean;
  before: string | null;
  canUp: boolean;
  after: string | null;
}

function PhaseRow({ phase, current, before, canUp, after }: PhaseRowProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <li
      class={`agenda-list__item ${current ? "is-current" : ""} ${phase.skipped ? "is-skipped" : ""}`}
      data-testid={`phase-${phase.id}`}
      aria-current={current ? "step" : undefined}
    >
      {renaming !== null ? (
        <form
          class="row row--tight"
          onSubmit={(event) => {
            event.preventDefault();
            renamePhase(phase.id, renaming);
            setRenaming(null);
          }}
        >
          <input
            class="input"
            value={renaming}
            maxLength={80}
            aria-label={t("agenda.rename")}
            data-testid={`phase-rename-input-${phase.id}`}
            onInput={(event) => setRenaming(event.currentTarget.value)}
          />
          <button class="button button--small">{t("agenda.save")}</button>
        </form>
      ) : (
        <span class="agenda-list__title">
          {phaseTitle(phase)}
          {current && <span class="badge"> · {t("agenda.now")}</span>}
          {phase.skipped && <span class="muted"> · {t("agenda.skipped")}</span>}
        </span>
      )}
      <span class="row">
        <button
          type="button"
          class="button button--small"
          disabled={current || phase.skipped}
          data-testid={`phase-go-${phase.id}`}
          onClick={() => goToPhase(phase.id)}
        >
          {t("agenda.go")}
        </button>
        <button
          type="button"
          class="button button--small"
          data-testid={`phase-skip-${phase.id}`}
          onClick={() => skipPhase(phase.id, !phase.skipped)}
        >
          {phase.skipped ? t("agenda.unskip") : t("agenda.skip")}
        </button>
        <button
          type="button"
          class="button button--small button--icon"
          disabled={!canUp}
          aria-label={t("agenda.up")}
          onClick={() => movePhase(phase.id, before)}
        >
          ↑
        </button>
        <button
          type="button"
          class="button button--small button--icon"
          disabled={after === null}
          aria-label={t("agenda.down")}
          onClick={() => after !== null && movePhase(phase.id, after)}
        >
          ↓
        </button>
        <button
          type="button"
          class="button button--small"
          data-testid={`phase-rename-${phase.id}`}
          onClick={() => setRenaming(phaseTitle(phase))}
        >
          {t("agenda.rename")}
        </button>
      </span>
    </li>
  );
}

const CONCERN_FIELDS: (keyof ConcernDraft)[] = [
  "who",
  "what",
  "impact",
  "future",
  "statement",
  "goals",
];

function fromConcern(): ConcernDraft {
  const written = concern.peek();
  return {
    who: written?.who ?? "",
    what: written?.what ?? "",
    impact: written?.impact ?? "",
    future: written?.future ?? "",
    statement: written?.statement ?? "",
    goals: written?.goals ?? "",
  };
}

/** The bekymringsgrundlag as a form: for the facilitator, and for the rådgiver's phone. */
export function ConcernEditor({ open = false }: { open?: boolean }) {
  const [draft, setDraft] = useState<ConcernDraft>(fromConcern);
  const [saved, setSaved] = useState(false);
  return (
    <details class="panel" open={open} data-testid="concern-editor">
      <summary>
        <h3 class="run__summary">{t("concern.edit")}</h3>
      </summary>
      <form
        class="stack stack--small"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(editConcern(draft));
        }}
      >
        {CONCERN_FIELDS.map((field) => (
          <label key={field} class="field">
            <span>{t(`concern.${field}`)}</span>
            <textarea
              class="textarea"
              rows={field === "statement" ? 3 : 2}
              maxLength={2000}
              value={draft[field]}
              data-testid={`concern-input-${field}`}
              onInput={(event) => {
                setSaved(false);
                setDraft({ ...draft, [field]: event.currentTarget.value });
              }}
            />
          </label>
        ))}
        <div class="row">
          <button class="button button--primary" data-testid="concern-save">
            {t("concern.save")}
          </button>
          {saved && (
            <span class="muted" role="status">
              {t("concern.saved")}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}

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

function TurnsPanel() {
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

const MINUTES = [1, 2, 3, 5, 10];

function TimerPanel() {
  const current = timer.value;
  const running = current?.ends_at != null;
  const paused = current?.remaining != null;
  return (
    <section
      class="panel stack stack--small"
      aria-labelledby="timer-title"
      data-testid="timer-panel"
    >
      <h3 id="timer-title">{t("timer.title")}</h3>
      <TimerDisplay size="facilitator" />
      <div class="row">
        {MINUTES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            class="button button--small"
            data-testid={`timer-start-${minutes}`}
            onClick={() => startTimer(minutes * 60, currentPhase()?.title ?? "")}
          >
            {t("timer.minutes", { n: minutes })}
          </button>
        ))}
      </div>
      <div class="row">
        <button
          type="button"
          class="button button--small"
          disabled={!running && !paused}
          data-testid="timer-plus"
          onClick={() => extendTimer(60)}
        >
          {t("timer.plusOne")}
        </button>
        {paused ? (
          <button
            type="button"
            class="button button--small"
            data-testid="timer-resume"
            onClick={() => resumeTimer()}
          >
            {t("timer.resume")}
          </button>
        ) : (
          <button
            type="button"
            class="button button--small"
            disabled={!running}
            data-testid="timer-pause"
            onClick={() => pauseTimer()}
          >
            {t("timer.pause")}
          </button>
        )}
        <button
          type="button"
          class="button button--small"
          disabled={!running && !paused}
          data-testid="timer-stop"
          onClick={() => stopTimer()}
        >
          {t("timer.stop")}
        </button>
      </div>
    </section>
  );
}

function WritingPanel() {
  const now = writing.value;
  const columns = meeting.value?.columns ?? [];
  const [column, setColumn] = useState<ColumnKey | "">("");
  return (
    <section
      class="panel stack stack--small"
      aria-labelledby="writing-title"
      data-testid="writing-panel"
    >
      <h3 id="writing-title">{t("writing.title")}</h3>
      {now?.private ? (
        <>
          <p role="status" data-testid="writing-active">
            {t("writing.active")}
          </p>
          <button
            type="button"
            class="button button--primary"
            data-testid="writing-reveal"
            onClick={() => revealNotes()}
          >
            {t("writing.reveal")}
          </button>
        </>
      ) : (
        <div class="row">
          <select
            class="select select--small"
            aria-label={t("writing.column")}
            value={column}
            data-testid="writing-column"
            onChange={(event) => setColumn(event.currentTarget.value as ColumnKey | "")}
          >
            <option value="">{t("writing.anyColumn")}</option>
            {columns.map((each) => (
              <option key={each} value={each}>
                {t(`column.${each}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="button"
            data-testid="writing-start"
            onClick={() => startPrivateWriting(column || null)}
          >
            {t("writing.start")}
          </button>
        </div>
      )}
      <label class="switch">
        <input
          type="checkbox"
          checked={now?.anonymous ?? false}
          data-testid="writing-anonymous"
          onChange={(event) => setAnonymous(event.currentTarget.checked)}
        />
        <span>{t("writing.anonymous")}</span>
      </label>
      <h3>{t("family.title")}</h3>
      {now?.family ? (
        <p role="status" data-testid="family-active">
          {t("family.active")}
        </p>
      ) : (
        <button
          type="button"
          class="button"
          data-testid="family-start"
          onClick={() => startFamilyTime()}
        >
          {t("family.start")}
        </button>
      )}
    </section>
  );
}

function HandoffPanel() {
  const self = me.value?.participantId;
  const others = admittedPeople().filter((person) => person.id !== self);
  const [chosen, setChosen] = useState("");
  const target = others.find((person) => person.id === chosen);
  return (
    <section
      class="panel stack stack--small"
      aria-labelledby="handoff-title"
      data-testid="handoff-panel"
    >
      <h3 id="handoff-title">{t("handoff.title")}</h3>
      <label class="field">
        <span>{t("handoff.label")}</span>
        <select
          class="select"
          value={chosen}
          data-testid="handoff-select"
          onChange={(event) => setChosen(event.currentTarget.value)}
        >
          <option value="" />
          {others.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({t(`role.${person.role}`)})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="button"
        disabled={!target}
        data-testid="handoff-give"
        onClick={() => {
          if (target && confirm(t("handoff.confirm", { name: target.name }))) handOver(target.id);
        }}
      >
        {t("handoff.give")}
      </button>
    </section>
  );
}
