/** t(key, params): every string a person reads, in the language chosen on this device. The
 * languages Kreds speaks, each catalogue but Danish fetched when first chosen (Danish comes with
 * the first load), the reading direction, and Intl formatting in the shown language. */
import { effect, signal } from "@preact/signals";
import { da, type MessageKey } from "./da";

export type { MessageKey };
export type Lang =
  "da" | "en" | "ar" | "fa" | "so" | "tr" | "ur" | "pl" | "uk" | "ti";
export type Catalogue = Partial<Record<MessageKey, string>>;

export interface Language {
  readonly code: Lang;
  /** The language's own name in its own script, as a speaker looks for it in a list. */
  readonly name: string;
  readonly dir: "ltr" | "rtl";
  /** The BCP 47 tag for Intl and speech synthesis. */
  readonly locale: string;
}

/** Danish first (the meeting's language), English, then as the families most often speak. */
export const LANGUAGES: readonly Language[] = [
  { code: "da", name: "Dansk", dir: "ltr", locale: "da-DK" },
  { code: "en", name: "English", dir: "ltr", locale: "en-GB" },
  { code: "ar", name: "العربية", dir: "rtl", locale: "ar" },
  // Dates in the calendar of the Danish letters and appointments, not the Solar Hijri one.
  { code: "fa", name: "فارسی / دری", dir: "rtl", locale: "fa-u-ca-gregory" },
  { code: "so", name: "Soomaali", dir: "ltr", locale: "so" },
  { code: "tr", name: "Türkçe", dir: "ltr", locale: "tr" },
  { code: "ur", name: "اردو", dir: "rtl", locale: "ur" },
  { code: "pl", name: "Polski", dir: "ltr", locale: "pl" },
  { code: "uk", name: "Українська", dir: "ltr", locale: "uk" },
  { code: "ti", name: "ትግርኛ", dir: "ltr", locale: "ti" },
];

/** Each further catalogue is its own chunk: a phone downloads only the language it shows. */
const LATER = import.meta.glob<Record<string, Catalogue>>([
  "./en.ts",
  "./ar.ts",
  "./fa.ts",
  "./so.ts",
  "./tr.ts",
  "./ur.ts",
  "./pl.ts",
  "./uk.ts",
  "./ti.ts",
]);

const loaded = new Map<Lang, Catalogue>([["da", da]]);

function loaderOf(
  code: Lang,
): (() => Promise<Record<string, Catalogue>>) | undefined {
  return LATER[`./${code}.ts`];
}

/** The languages this build can show (a catalogue exists for each). */
export const available: readonly Language[] = LANGUAGES.filter(
  (language) =>
    language.code === "da" || loaderOf(language.code),
);

export function languageOf(code: Lang): Language {
  return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0]!;
}

/** A code from storage, a link or a header as one of ours; anything else is no choice. */
export function known(code: string | null | undefined): Lang | null {
  const found = available.find((language) => language.code === code);
  return found ? found.code : null;
}

/** The catalogue of `code`, fetched once; Danish when the fetch fails (bad connection). */
async function catalogue(code: Lang): Promise<Catalogue> {
  const ready = loaded.get(code);
  if (ready) return ready;
  const load = loaderOf(code);
  if (!load) return da;
  try {
    const module = await load();
    const found = module[code] ?? da;
    loaded.set(code, found);
    return found;
  } catch {
    return da;
  }
}

const STORAGE_KEY = "kreds.lang";
const COOKIE = "kreds_lang";

function fromUrl(): Lang | null {
  try {
    return known(
      new URLSearchParams(globalThis.location?.search ?? "").get("lang"),
    );
  } catch {
    return null;
  }
}

function fromStorage(): Lang | null {
  try {
    return known(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return null; // storage can be blocked (private mode)
  }
}

const linked = fromUrl();
/** This person's own language: a link's `?lang=`, else what they chose before on this device,
 * else Danish. An unknown code is simply no choice. */
export const chosen = signal<Lang>(linked ?? fromStorage() ?? "da");
/** Whether the person has chosen on this device (the join page then asks no more). */
export const hasChosen = signal<boolean>(
  linked !== null || fromStorage() !== null,
);

/** Who the page is for: a participant's phone shows the person's own language; the
 * facilitator's pages Danish or English (their toggle); the room's screen the meeting's
 * language, Danish, as does the referat. */
export type Audience = "phone" | "staff" | "screen";
export const audience = signal<Audience>("phone");

/** The language the page shows now (its catalogue is loaded). */
export const lang = signal<Lang>("da");

function wanted(): Lang {
  if (audience.value === "screen") return "da";
  if (audience.value === "staff") return chosen.value === "en" ? "en" : "da";
  return chosen.value;
}

let asked = 0;
/** Show the wanted language as soon as its catalogue is here (the last request wins). */
export async function showWanted(): Promise<void> {
  const code = wanted();
  const ticket = ++asked;
  if (loaded.has(code)) {
    lang.value = code; // at once: no flash of another language
    return;
  }
  await catalogue(code);
  if (ticket === asked) lang.value = loaded.has(code) ? code : "da";
}

function remember(code: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch {
    // the choice then lasts for this page only
  }
  try {
    // the server-rendered summary page reads it, so it opens in the same language
    document.cookie = `${COOKIE}=${code}; path=/; max-age=31536000; SameSite=Lax`;
  } catch {
    // no document (tests) or cookies blocked: the summary page then takes ?lang=
  }
}

// A language that came with a link is this device's choice from now on, as if picked.
if (linked) remember(linked);

/** This person chooses `next` for this device; unknown codes are ignored. */
export async function setLang(next: Lang): Promise<void> {
  if (!known(next)) return;
  chosen.value = next;
  hasChosen.value = true;
  remember(next);
  await showWanted();
}

/** The page is for `who` from now on (set by the route). */
export async function showFor(who: Audience): Promise<void> {
  audience.value = who;
  await showWanted();
}

/** The text for `key` in the shown language, Danish when missing; `{name}` is replaced, and
 * numbers are written the language's way. */
export function t(
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = loaded.get(lang.value)?.[key] ?? da[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    return typeof value === "number" ? num(value) : value;
  });
}

export function locale(): string {
  return languageOf(lang.value).locale;
}

export function dir(): "ltr" | "rtl" {
  return languageOf(lang.value).dir;
}

const formats = new Map<string, Intl.NumberFormat>();
/** A number in the shown language's digits (no grouping: years and counts alike). */
export function num(value: number, minimumIntegerDigits = 1): string {
  const tag = `${locale()}:${minimumIntegerDigits}`;
  let format = formats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(locale(), {
      useGrouping: false,
      minimumIntegerDigits,
      maximumFractionDigits: 1,
    });
    formats.set(tag, format);
  }
  return format.format(value);
}

/** A countdown or talk time, m:ss, in the shown language's digits. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${num(Math.floor(whole / 60))}:${num(whole % 60, 2)}`;
}

/** Keep <html lang> and <html dir> in step with the shown language: screen readers pronounce
 * it, and the layout (written with logical properties) mirrors for right-to-left. */
export function followLangInDocument(): () => void {
  return effect(() => {
    const shown = languageOf(lang.value);
    document.documentElement.lang = shown.code;
    document.documentElement.dir = shown.dir;
  });
}

/** The message for an error code from the server in the shown language, or a generic one. */
export function errorText(code: string | null | undefined): string {
  const key = `error.${code ?? "unknown"}`;
  return key in da ? t(key as MessageKey) : t("error.unknown");
}

/** A refusal as the server sends it: its code, what it says (a message id) and the particulars
 * its words take. The server sends no words; each is worded here, in the shown language. */
export interface Refused {
  readonly code: string;
  readonly message?: string | null;
  readonly params?: Readonly<Record<string, string | number | undefined>> | null;
}

/** A refusal in words: its own text by the id it carries, else its code's. */
export function refusalText(refused: Refused): string {
  const key = `refusal.${refused.message ?? ""}`;
  if (!(key in da)) {
    const coded = `error.${refused.message ?? ""}` in da ? refused.message : refused.code;
    return errorText(coded);
  }
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(refused.params ?? {})) {
    if (value !== undefined) params[name] = value;
  }
  return t(key as MessageKey, params);
}
