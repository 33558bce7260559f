/** The facilitator's board: every column, add notes anywhere, move notes by drag or by keys. */
import { useEffect, useRef } from "preact/hooks";
import type Sortable from "sortablejs";
import { t } from "../i18n";
import { NOTE_MAX } from "../schema.gen";
import { addCard, moveCard } from "../net/actions";
import type { ColumnKey } from "../schema.gen";
import { columnCards } from "../store/board";
import { meeting } from "../store/entities";
import { columnDrafts } from "../store/ui";
import { Note } from "./note";

export function Board() {
  const columns = meeting.value?.columns ?? [];
  return (
    <section class="board" aria-labelledby="board-title">
      <div class="board__head">
        <h2 id="board-title">{t("fac.board")}</h2>
        <p class="muted">{t("board.dragHint")}</p>
      </div>
      <div class={`board__columns board__columns--${columns.length}`}>
        {columns.map((column) => (
          <BoardColumn key={column} column={column} />
        ))}
      </div>
    </section>
  );
}

function BoardColumn({ column }: { column: ColumnKey }) {
  const list = columnCards(column);
  const listRef = useDragAndDrop(column);
  const headingId = `col-${column}`;
  return (
    <section
      class={`column column--${column}`}
      aria-labelledby={headingId}
      data-testid={`column-${column}`}
    >
      <h3 id={headingId} class="column__title">
        {t(`column.${column}`)}
        <span class="column__count">{list.length}</span>
      </h3>
      <ul class="column__notes" ref={listRef} data-column={column}>
        {list.map((card, index) => (
          <Note
            key={card.id}
            card={card}
            mode="facilitator"
            first={index === 0}
            last={index === list.length - 1 || list[index + 1]?.pending === "add"}
          />
        ))}
      </ul>
      {list.length === 0 && <p class="column__empty muted">{t("board.empty")}</p>}
      <AddNote column={column} />
    </section>
  );
}

function AddNote({ column }: { column: ColumnKey }) {
  const id = `add-${column}`;
  const value = columnDrafts.value[column] ?? "";
  const setValue = (text: string): void => {
    columnDrafts.value = { ...columnDrafts.peek(), [column]: text };
  };
  const send = (): void => {
    if (addCard(column, value)) setValue("");
  };
  return (
    <form
      class="column__add stack stack--small"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for={id} class="visually-hidden">
        {t("board.addLabel", { column: t(`column.${column}`) })}
      </label>
      <textarea
        id={id}
        class="textarea"
        rows={2}
        maxLength={NOTE_MAX}
        value={value}
        placeholder={t("phone.notePlaceholder")}
        data-testid={`add-input-${column}`}
        onInput={(event) => setValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send();
          }
        }}
      />
      <button class="button button--primary" data-testid={`add-submit-${column}`}>
        {t("board.add")}
      </button>
    </form>
  );
}

/**
 * SortableJS on one column's list (touch and mouse), loaded only when a board is shown so the
 * phone's bundle stays small. Sortable moves DOM nodes itself; Preact owns them, so on drop the
 * node goes back where it was and the move becomes a `card.move` intent that re-renders the board.
 */
function useDragAndDrop(column: ColumnKey) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    let sortable: Sortable | null = null;
    let cancelled = false;
    let home: { parent: HTMLElement; next: Node | null } | null = null;
    void import("sortablejs").then(({ default: SortableJS }) => {
      if (cancelled || !ref.current) return;
      sortable = SortableJS.create(ref.current, {
        group: "kreds-board",
        draggable: "[data-draggable]",
        filter: "button, select, textarea, input, a",
        preventOnFilter: false,
        // One code path for mouse and touch (and for e2e tests driving a mouse).
        forceFallback: true,
        fallbackTolerance: 4,
        delay: 150,
        delayOnTouchOnly: true,
        animation: matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 150,
        ghostClass: "note--ghost",
        chosenClass: "note--chosen",
        onStart(event) {
          home = { parent: event.from, next: event.item.nextSibling };
        },
        onEnd(event) {
          const item = event.item;
          const cardId = item.dataset["cardId"];
          const target = (event.to as HTMLElement).dataset["column"] as ColumnKey | undefined;
          const after = previousCardId(item);
          if (home) home.parent.insertBefore(item, home.next);
          home = null;
          if (!cardId || !target) return;
          const before = columnCards(column);
          const index = before.findIndex((card) => card.id === cardId);
          const wasAfter = index > 0 ? before[index - 1]!.id : null;
          if (target === column && after === wasAfter) return;
          moveCard(cardId, target, after);
        },
      });
    });
    return () => {
      cancelled = true;
      sortable?.destroy();
    };
  }, [column]);
  return ref;
}

/** The card a dropped note now comes right after (skipping notes not on the server yet). */
function previousCardId(item: HTMLElement): string | null {
  let node = item.previousElementSibling;
  while (node) {
    if (
      node instanceof HTMLElement &&
      node.dataset["cardId"] &&
      node.dataset["pending"] !== "add"
    ) {
      return node.dataset["cardId"];
    }
    node = node.previousElementSibling;
  }
  return null;
}
