/** The read-aloud button beside a note, the phase or a scaling question on the phone. It is
 * not there at all where the device has no voice for the person's language. */
import { lang, t, type MessageKey } from "../i18n";
import { readAloud, reading, voiceFor } from "../store/speech";

interface ReadAloudProps {
  /** Unique on the page: the same button again stops the reading. */
  id: string;
  text: string;
  label: MessageKey;
}

export function ReadAloud({ id, text, label }: ReadAloudProps) {
  if (!text.trim() || !voiceFor(lang.value)) return null;
  const busy = reading.value === id;
  return (
    <button
      type="button"
      class="read-aloud"
      aria-pressed={busy}
      aria-label={busy ? t("speak.stop") : t(label)}
      title={busy ? t("speak.stop") : t(label)}
      data-testid={`read-aloud-${id}`}
      onClick={() => readAloud(id, text)}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" class="read-aloud__icon">
        <path d="M4 9h4l5-4v14l-5-4H4z" />
        {busy ? (
          <path d="M16 9l5 6M21 9l-5 6" />
        ) : (
          <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
        )}
      </svg>
    </button>
  );
}
