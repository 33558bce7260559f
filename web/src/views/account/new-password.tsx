import { t, type MessageKey } from "../../i18n";

/** A new password: ten characters at least, with the hint that says so. */
export function NewPassword({
  name,
  label,
  hintId,
  testId,
}: {
  name: string;
  label: MessageKey;
  hintId: string;
  testId: string;
}) {
  return (
    <label class="field">
      <span>{t(label)}</span>
      <input
        name={name}
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
        aria-describedby={hintId}
        data-testid={testId}
      />
      <small id={hintId} class="muted">
        {t("start.passwordHint")}
      </small>
    </label>
  );
}
