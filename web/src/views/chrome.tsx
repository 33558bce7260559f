/** What every view shares: the connection bar, the language toggle, the error notice. */
import { lang, refusalText, setLang, t, type MessageKey } from "../i18n";
import { formError } from "../store/account";
import { connection, notice } from "../store/connection";
import { waitingCount } from "../store/pending";

export function ConnectionBar() {
  const state = connection.value;
  const waiting = waitingCount.value;
  const text =
    state === "online"
      ? t("conn.online")
      : state === "lobby"
        ? t("conn.lobby")
        : state === "offline"
          ? t("conn.offline")
          : t("conn.connecting");
  return (
    <div
      class={`connection connection--${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={state}
    >
      <span class="connection__dot" aria-hidden="true" />
      <span class="connection__text">{text}</span>
      {waiting > 0 && (
        <span class="connection__waiting" data-testid="waiting-count" data-count={waiting}>
          {waiting === 1 ? t("conn.waitingOne") : t("conn.waiting", { count: waiting })}
        </span>
      )}
    </div>
  );
}

export function LangToggle() {
  const next = lang.value === "da" ? "en" : "da";
  return (
    <button
      type="button"
      class="lang-toggle"
      data-testid="lang-toggle"
      aria-label={`DA / EN: ${t("lang.switchTo")}`}
      onClick={() => setLang(next)}
    >
      <span aria-hidden="true">
        <span class={lang.value === "da" ? "is-current" : ""}>DA</span>
        {" / "}
        <span class={lang.value === "en" ? "is-current" : ""}>EN</span>
      </span>
    </button>
  );
}

/** The last refused intent, in words; stays until closed or replaced. */
export function Notice() {
  const refused = notice.value;
  if (!refused) return null;
  return (
    <div class="notice" role="alert" data-testid="notice" data-code={refused.code}>
      <p>{refusalText(refused)}</p>
      <button
        type="button"
        class="notice__close"
        aria-label={t("notice.close")}
        onClick={() => {
          notice.value = null;
        }}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

/** The error of one form, if it failed last; `special` maps a code to a kinder, specific text. */
export function FormError({
  form,
  special = {},
}: {
  form: string;
  special?: Partial<Record<string, MessageKey>>;
}) {
  const failed = formError.value;
  if (!failed || failed.form !== form) return null;
  const key = special[failed.code];
  return (
    <p class="form-error" role="alert" data-testid={`error-${form}`} data-code={failed.code}>
      {key ? t(key) : refusalText({ code: failed.code, message: failed.say, params: failed.params })}
    </p>
  );
}
