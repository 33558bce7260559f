/** Reading aloud with the browser's speech synthesis, in the shown language, where the device
 * has a voice for it. Which texts are read is the views' choice; this holds the voices and what
 * is being read now. */
import { signal } from "@preact/signals";
import { lang, languageOf, type Lang } from "../i18n";

const voices = signal<readonly SpeechSynthesisVoice[]>([]);
/** What is being read now (a view's own id for the text), or null. */
export const reading = signal<string | null>(null);

function synth(): SpeechSynthesis | undefined {
  return typeof speechSynthesis === "undefined" ? undefined : speechSynthesis;
}

let listening = false;
/** Voices arrive late in some browsers (Chrome fills the list after `voiceschanged`). */
function listen(): void {
  const speech = synth();
  if (listening || !speech) return;
  listening = true;
  const update = (): void => {
    voices.value = speech.getVoices();
  };
  update();
  speech.addEventListener("voiceschanged", update);
}

/** The device's voice for `code`, if it has one ("ar-SA" speaks for "ar"). */
export function voiceFor(code: Lang): SpeechSynthesisVoice | undefined {
  listen();
  const wanted = languageOf(code).locale.split("-")[0]!.toLowerCase();
  const matching = voices.value.filter(
    (voice) => voice.lang.toLowerCase().replace("_", "-").split("-")[0] === wanted,
  );
  return matching.find((voice) => voice.localService) ?? matching[0];
}

/** Read `text` aloud in the shown language; the same id again stops it. */
export function readAloud(id: string, text: string): void {
  const speech = synth();
  const voice = voiceFor(lang.value);
  if (!speech || !voice) return;
  const again = reading.value === id;
  speech.cancel();
  reading.value = null;
  if (again) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9; // a little slower: for someone for whom reading, or listening, is hard
  const done = (): void => {
    if (reading.peek() === id) reading.value = null;
  };
  utterance.addEventListener("end", done);
  utterance.addEventListener("error", done);
  reading.value = id;
  speech.speak(utterance);
}
