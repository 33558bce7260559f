/** The language picker: every language by its own name in its own script. The join page
 * offers it before anything else until the person has chosen; in the meeting, and after a
 * choice, the button in the top bar opens it. */
import { signal } from "@preact/signals";
import { available, chosen, hasChosen, lang, languageOf, setLang, t } from "../i18n";

/** Opened or closed by the person; null while they have done neither. */
const toggled = signal<boolean | null>(null);

/** `offered`: the page would like a choice now (the join page before the meeting). */
function isOpen(offered: boolean): boolean {
  return toggled.value ?? (offered && !hasChosen.value);
}

interface PickerProps {
  offered: boolean;
}

function Globe() {
  return (
    <svg viewBox="0 0 24 24" class="language-globe" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.6 2.6 3.8 5.6 3.8 9s-1.2 6.4-3.8 9M12 3c-2.6 2.6-3.8 5.6-3.8 9s1.2 6.4 3.8 9" />
    </svg>
  );
}

/** In the top bar: the language shown now; opens and closes the picker. */
export function LanguageButton({ offered }: PickerProps) {
  const current = languageOf(lang.value);
  const open = isOpen(offered);
  return (
    <button
      type="button"
      class="language-button"
      aria-expanded={open}
      aria-controls="language-picker"
      aria-label={t("lang.current", { name: current.name })}
      data-testid="language-button"
      onClick={() => {
        toggled.value = !open;
      }}
    >
      <Globe />
      <span lang={current.code} dir={current.dir}>
        {current.name}
      </span>
    </button>
  );
}

export function LanguagePicker({ offered }: PickerProps) {
  if (!isOpen(offered)) return null;
  return (
    <section
      id="language-picker"
      class="language-picker"
      aria-labelledby="language-picker-title"
      data-testid="language-picker"
    >
      <h2 id="language-picker-title" class="language-picker__title">
        <Globe />
        {t("lang.choose")}
      </h2>
      <ul class="language-picker__list">
        {available.map((language) => (
          <li key={language.code}>
            <button
              type="button"
              class="language-picker__option"
              lang={language.code}
              dir={language.dir}
              aria-pressed={hasChosen.value && chosen.value === language.code}
              data-testid={`language-${language.code}`}
              onClick={() => {
                toggled.value = false;
                void setLang(language.code);
              }}
            >
              {language.name}
            </button>
          </li>
        ))}
      </ul>
      <p class="muted language-picker__help">{t("lang.chooseHelp")}</p>
    </section>
  );
}
