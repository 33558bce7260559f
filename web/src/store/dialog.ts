/** The question a confirmation dialog asks, if one is open: the app's own, accessible dialog
 * instead of the browser's `confirm`. */
import { signal } from "@preact/signals";
import type { MessageKey } from "../i18n";

export interface Question {
  /** What is asked, already in the person's language. */
  text: string;
  /** The button that does it, e.g. "Slet" or "Afslut mødet". */
  yes: MessageKey;
  /** True when it cannot be undone: the button says so by its colour too. */
  danger: boolean;
  onYes: () => void;
}

export const question = signal<Question | null>(null);

/** Ask before doing something that cannot (easily) be undone. */
export function ask(text: string, onYes: () => void, yes: MessageKey = "dialog.yes", danger = true): void {
  question.value = { text, yes, danger, onYes };
}

export function answer(yes: boolean): void {
  const asked = question.peek();
  question.value = null;
  if (yes) asked?.onYes();
}
