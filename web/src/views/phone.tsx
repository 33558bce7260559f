/** The phone's board: one column at a time, the person's own note field, own notes editable. */
import { dir, num, t } from "../i18n";
import { NOTE_MAX } from "../schema.gen";
import { addCard } from "../net/actions";
import type { ColumnKey } from "../schema.gen";
import { columnCards } from "../store/board";
import { me } from "../store/connection";
import { meeting, participants } from "../store/entities";
import { draft, phoneColumn, writeDraft } from "../store/ui";
import { Note } from "./note";

export function PhoneBoard() {
  const columns = meeting.value?.columns ?? [];
  const chosen = phoneColumn.value;
  const column = chosen && columns.includes(chosen) ? chosen : columns[0];
  const self = me.value?.participantId ? participants.value.get(me.value.participantId) : undefined;
  if (!column) return null;
  const list = columnCards(column);
  return (
    <div class="phone stack">
      {self && (
        <p class="muted" data-testid="phone-hello">
          {t("phone.hello", { name: self.name })}
        </p>
      )}
      <Tabs columns={columns} current={column} />
      <section
        id={`panel-${column}`}
        role="tabpanel"
        aria-labelledby={`tab-${column}`}
        class={`column column--${column} phone__column`}
        data-testid={`column-${column}`}
      >
        <h1 class="column__title">{t(`column.${column}`)}</h1>
        {list.length === 0 ? (
          <p class="muted">{t("board.empty")}</p>
        ) : (
          <ul class="column__notes">
            {list.map((card) => (
              <Note key={card.id} card={card} mode="phone" />
            ))}
          </ul>
        )}
      </section>
      <NoteField column={column} />
    </div>
  );
}

function Tabs({ columns, current }: { columns: readonly ColumnKey[]; current: ColumnKey }) {
  const go = (index: number): void => {
    const next = columns[(index + columns.length) % columns.length]!;
    phoneColumn.value = next;
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div class={`tabs tabs--${columns.length}`} role="tablist" aria-label={t("phone.columns")}>
      {columns.map((column, index) => {
        const selected = column === current;
        const count = columnCards(column).length;
        return (
          <button
            key={column}
            id={`tab-${column}`}
            type="button"
            role="tab"
            class={`tab tab--${column}`}
            aria-selected={selected}
            aria-controls={`panel-${column}`}
            tabIndex={selected ? 0 : -1}
            data-testid={`tab-${column}`}
            onClick={() => {
              phoneColumn.value = column;
            }}
            onKeyDown={(event) => {
              // the tabs run the language's way, and so do the arrows along them
              const onward = dir() === "rtl" ? "ArrowLeft" : "ArrowRight";
              const back = dir() === "rtl" ? "ArrowRight" : "ArrowLeft";
              if (event.key === onward) go(index + 1);
              else if (event.key === back) go(index - 1);
              else if (event.key === "Home") go(0);
              else if (event.key === "End") go(columns.length - 1);
              else return;
              event.preventDefault();
            }}
          >
            <span class="tab__label">{t(`column.${column}`)}</span>
            <span class="tab__count" aria-hidden="true">
              {num(count)}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function NoteField({ column }: { column: ColumnKey }) {
  // The note goes to the column it is written in: the phone leaves that column for a new
  // phase only while nothing is typed (phone-running), so a half-written note stays put.
  const label = t("phone.noteLabel", { column: t(`column.${column}`) });
  const send = (): void => {
    if (addCard(column, draft.peek())) writeDraft("", column);
  };
  return (
    <form
      class="note-field stack stack--small"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="note-input" class="note-field__label">
        {label}
      </label>
      <textarea
        id="note-input"
        class="textarea textarea--large"
        rows={4}
        maxLength={NOTE_MAX}
        placeholder={t("phone.notePlaceholder")}
        value={draft.value}
        data-testid="note-input"
        data-column={column}
        onInput={(event) => {
          writeDraft(event.currentTarget.value, column);
        }}
      />
      <button
        class="button button--primary button--large"
        disabled={!draft.value.trim()}
        data-testid="note-send"
      >
        {t("phone.send")}
      </button>
    </form>
  );
}
