/** t(key, params): every string a person reads, in the device's chosen language. */
import { effect, signal } from "@preact/signals";
import { da, type MessageKey } from "./da";
import { en } from "./en";

export type { MessageKey };
export type Lang = "da" | "en";

const CATALOGUES: Record<Lang, Partial<Record<MessageKey, string>>> = { da, en };
const STORAGE_KEY = "kreds.lang";

function stored(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "da";
  } catch {
    return "da"; // storage can be blocked (private mode); Danish is the default anyway
  }
}

export const lang = signal<Lang>(stored());

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // the choice then lasts for this page only
  }
}

/** The text for `key` in the current language, Danish when missing; `{name}` is replaced. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = CATALOGUES[lang.value][key] ?? da[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Keep <html lang> in step with the catalogue, for screen readers. */
export function followLangInDocument(): () => void {
  return effect(() => {
    document.documentElement.lang = lang.value;
  });
}

/** The Danish (or English) message for an error code from the server, or a generic one. */
export function errorText(code: string | null | undefined): string {
  const key = `error.${code ?? "unknown"}`;
  return key in da ? t(key as MessageKey) : t("error.unknown");
}
