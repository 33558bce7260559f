/** One note on a board: its text, who wrote it, and what this person may do with it. */
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";
import { NOTE_MAX } from "../schema.gen";
import { deleteCard, editCard, moveDown, moveToColumn, moveUp } from "../net/actions";
import type { ColumnKey } from "../schema.gen";
import type { BoardCard } from "../store/board";
import { me } from "../store/connection";
import { meeting, participants } from "../store/entities";
import { editing, refocus } from "../store/ui";
import { ask } from "../store/dialog";
import { ReadAloud } from "./read-aloud";

export type NoteMode = "facilitator" | "phone" | "screen";

interface NoteProps {
  card: BoardCard;
  mode: NoteMode;
  first?: boolean;
  last?: boolean;
}

export function Note({ card, mode, first = false, last = false }: NoteProps) {
  const ref = useRef<HTMLLIElement>(null);
  const mine = card.author !== null && card.author === me.value?.participantId;
  const isFacilitator = mode === "facilitator";
  const canChange = card.pending !== "add" && (isFacilitator || (mode === "phone" && mine));
  const isEditing = editing.value?.cardId === card.id;
  const author = card.author ? participants.value.get(card.author) : undefined;

  const wanted = refocus.value;
  useEffect(() => {
    if (!wanted || wanted.cardId !== card.id || !ref.current) return;
    const control = ref.current.querySelector<HTMLElement>(`[data-control="${wanted.control}"]`);
    (control && !(control as HTMLButtonElement).disabled ? control : ref.current).focus();
    refocus.value = null;
  }, [wanted, card.id]);

  const classes = [
    "note",
    card.pending === "add" ? "note--sending" : "",
    card.pending === "change" ? "note--changing" : "",
    mine && mode === "phone" ? "note--mine" : "",
  ].join(" ");

  return (
    <li
      ref={ref}
      class={classes}
      tabIndex={-1}
      data-testid="card"
      data-card-id={card.id}
      data-column={card.column}
      data-pending={card.pending ?? undefined}
      data-draggable={isFacilitator && card.pending !== "add" ? "" : undefined}
    >
      {isEditing ? (
        <EditForm cardId={card.id} />
      ) : (
        // as written: its own direction, whatever the page's language
        <p class="note__text" dir="auto" data-testid="card-text">
          {card.text}
        </p>
      )}
      {mode !== "screen" && !isEditing && (
        <p class="note__meta">
          {card.pending === "add" ? (
            <span class="note__sending" data-testid="card-sending">
              {t("board.sending")}
            </span>
          ) : mode === "phone" && mine ? (
            <span>{t("board.mine")}</span>
          ) : author ? (
            <span>{t("board.by", { name: author.name })}</span>
          ) : null}
          {mode === "phone" && card.pending !== "add" && (
            <ReadAloud id={`note-${card.id}`} text={card.text} label="speak.note" />
          )}
        </p>
      )}
      {card.hidden && (
        <p class="note__meta" data-testid="card-hidden">
          {t("writing.hiddenNote")}
        </p>
      )}
      {canChange && !isEditing && (
        <div class="note__actions">
          <button
            type="button"
            class="button button--small"
            data-testid="card-edit"
            data-control="edit"
            onClick={() => {
              editing.value = { cardId: card.id, text: card.text };
            }}
          >
            {t("board.edit")}
          </button>
          <button
            type="button"
            class="button button--small button--quiet"
            data-testid="card-delete"
            onClick={() => {
              ask(
                t("board.confirmDelete", { text: shorten(card.text) }),
                () => deleteCard(card.id),
                "dialog.delete",
              );
            }}
          >
            {t("board.delete")}
          </button>
          {isFacilitator && <MoveControls card={card} first={first} last={last} />}
        </div>
      )}
    </li>
  );
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function MoveControls({ card, first, last }: { card: BoardCard; first: boolean; last: boolean }) {
  const columns = meeting.value?.columns ?? [];
  return (
    <>
      <button
        type="button"
        class="button button--small button--icon"
        aria-label={t("board.moveUp")}
        title={t("board.moveUp")}
        disabled={first}
        data-testid="card-move-up"
        data-control="up"
        onClick={() => {
          if (moveUp(card)) refocus.value = { cardId: card.id, control: "up" };
        }}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        class="button button--small button--icon"
        aria-label={t("board.moveDown")}
        title={t("board.moveDown")}
        disabled={last}
        data-testid="card-move-down"
        data-control="down"
        onClick={() => {
          if (moveDown(card)) refocus.value = { cardId: card.id, control: "down" };
        }}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <select
        class="select select--small"
        aria-label={t("board.moveTo")}
        data-testid="card-move-column"
        data-control="column"
        value=""
        onChange={(event) => {
          const target = event.currentTarget.value as ColumnKey | "";
          event.currentTarget.value = "";
          if (target && moveToColumn(card, target)) {
            refocus.value = { cardId: card.id, control: "column" };
          }
        }}
      >
        <option value="">{t("board.moveToPlaceholder")}</option>
        {columns
          .filter((column) => column !== card.column)
          .map((column) => (
            <option key={column} value={column}>
              {t(`column.${column}`)}
            </option>
          ))}
      </select>
    </>
  );
}

function EditForm({ cardId }: { cardId: string }) {
  const current = editing.value;
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  if (!current) return null;
  const close = (): void => {
    editing.value = null;
    refocus.value = { cardId, control: "edit" };
  };
  return (
    <form
      class="note__edit stack stack--small"
      onSubmit={(event) => {
        event.preventDefault();
        if (editCard(cardId, current.text)) close();
      }}
    >
      <label class="visually-hidden" for={`edit-${cardId}`}>
        {t("board.editLabel")}
      </label>
      <textarea
        id={`edit-${cardId}`}
        ref={ref}
        class="textarea"
        rows={3}
        maxLength={NOTE_MAX}
        value={current.text}
        data-testid="card-edit-input"
        onInput={(event) => {
          editing.value = { cardId, text: event.currentTarget.value };
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") close();
        }}
      />
      <div class="row">
        <button class="button button--primary button--small" data-testid="card-edit-save">
          {t("board.save")}
        </button>
        <button
          type="button"
          class="button button--small"
          data-testid="card-edit-cancel"
          onClick={close}
        >
          {t("board.cancel")}
        </button>
      </div>
    </form>
  );
}
