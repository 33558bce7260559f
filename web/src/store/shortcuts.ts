/** The facilitator's keyboard shortcuts: Alt+Shift and a letter, never while typing in a field
 * (so no key a person types is taken from them, WCAG 2.1.4). */

export type Shortcut = "next" | "back" | "word" | "timer";

/** Key code -> what it does; the help popover lists them in this order. */
export const SHORTCUTS: readonly { code: string; key: string; does: Shortcut }[] = [
  { code: "KeyN", key: "N", does: "next" },
  { code: "KeyB", key: "B", does: "back" },
  { code: "KeyO", key: "O", does: "word" },
  { code: "KeyT", key: "T", does: "timer" },
];

export interface KeyPress {
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The tag of the element with focus, and whether it is editable. */
  typing: boolean;
}

export function shortcutFor(press: KeyPress): Shortcut | null {
  if (!press.altKey || !press.shiftKey || press.ctrlKey || press.metaKey || press.typing) {
    return null;
  }
  return SHORTCUTS.find((each) => each.code === press.code)?.does ?? null;
}

/** True when keys go into a field: a text input, a textarea, a select or an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== "string") return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable) return true;
  if (tag !== "INPUT") return false;
  const type = (element as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color"].includes(type);
}
