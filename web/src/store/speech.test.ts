import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { readAloud, reading, voiceFor } from "./speech";

interface Said {
  text: string;
  lang: string;
}

/** The browser's speech synthesis as a phone with Arabic and Ukrainian voices has it. */
class Synth extends EventTarget {
  said: Said[] = [];
  cancelled = 0;
  getVoices(): Partial<SpeechSynthesisVoice>[] {
    return [
      { lang: "ar-SA", name: "Maged", localService: true },
      { lang: "uk_UA", name: "Lesya", localService: false },
      { lang: "da-DK", name: "Sara", localService: true },
    ];
  }
  speak(utterance: { text: string; lang: string }): void {
    this.said.push({ text: utterance.text, lang: utterance.lang });
  }
  cancel(): void {
    this.cancelled += 1;
  }
}

class Utterance extends EventTarget {
  lang = "";
  voice: unknown = null;
  rate = 1;
  constructor(readonly text: string) {
    super();
  }
}

const synth = new Synth();
Object.assign(globalThis, { speechSynthesis: synth, SpeechSynthesisUtterance: Utterance });

describe("reading aloud", () => {
  beforeEach(() => {
    synth.said = [];
    reading.value = null;
  });
  afterEach(async () => {
    await setLang("da");
  });

  it("finds a voice by the language, whatever its region or spelling", () => {
    expect(voiceFor("ar")?.name).toBe("Maged");
    expect(voiceFor("uk")?.name).toBe("Lesya");
    expect(voiceFor("da")?.name).toBe("Sara");
  });

  it("has no voice where the phone has none, so no button is shown", () => {
    expect(voiceFor("so")).toBeUndefined();
    expect(voiceFor("ti")).toBeUndefined();
  });

  it("reads in the shown language, and the same button again stops it", async () => {
    await setLang("ar");
    readAloud("note-1", "أنا أوصل إميل إلى المدرسة كل صباح.");
    expect(synth.said).toEqual([{ text: "أنا أوصل إميل إلى المدرسة كل صباح.", lang: "ar-SA" }]);
    expect(reading.value).toBe("note-1");
    readAloud("note-1", "أنا أوصل إميل إلى المدرسة كل صباح.");
    expect(reading.value).toBeNull();
    expect(synth.said).toHaveLength(1);
  });

  it("says nothing in a language without a voice", async () => {
    await setLang("so");
    readAloud("note-2", "Waxaan Emil ka qaadaa dugsiga.");
    expect(synth.said).toEqual([]);
    expect(reading.value).toBeNull();
  });
});
