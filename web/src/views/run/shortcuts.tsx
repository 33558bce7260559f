/** The facilitator's keyboard shortcuts, and the popover that lists them. */
import { useEffect } from "preact/hooks";
import { t, type MessageKey } from "../../i18n";
import {
  nextPhase,
  nextTurn,
  pauseTimer,
  previousPhase,
  resumeTimer,
  startTimer,
} from "../../net/facilitation";
import { currentPhase, timer, turns } from "../../store/facilitation";
import { isTyping, shortcutFor, SHORTCUTS, type Shortcut } from "../../store/shortcuts";

const DOES: Record<Shortcut, MessageKey> = {
  next: "keys.next",
  back: "keys.back",
  word: "keys.word",
  timer: "keys.timer",
};

/** The timer key: start three minutes, or pause a running timer, or resume a paused one. */
function toggleTimer(): void {
  const now = timer.peek();
  if (now?.ends_at != null) pauseTimer();
  else if (now?.remaining != null) resumeTimer();
  else startTimer(180, currentPhase()?.title ?? "");
}

function run(does: Shortcut): void {
  if (does === "next") nextPhase();
  else if (does === "back") previousPhase();
  else if (does === "word") {
    const now = turns.peek();
    if (now?.next || now?.speaker) nextTurn();
  } else toggleTimer();
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const does = shortcutFor({
        code: event.code,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        typing: isTyping(event.target),
      });
      if (!does) return;
      event.preventDefault();
      run(does);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

export function ShortcutsHelp() {
  return (
    <details class="shortcuts" data-testid="shortcuts">
      <summary class="button button--small" data-testid="shortcuts-open">
        {t("keys.title")}
      </summary>
      <div class="shortcuts__pop panel" role="group" aria-label={t("keys.title")}>
        <p class="muted">{t("keys.help")}</p>
        <dl class="shortcuts__list">
          {SHORTCUTS.map((each) => (
            <div key={each.code} class="shortcuts__item">
              <dt>
                <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>{each.key}</kbd>
              </dt>
              <dd>{t(DOES[each.does])}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
