/** "Min konto" on the start page: change the password (every other session ends), or delete
 * the account with its meetings outside cases. */
import { t } from "../../i18n";
import { NewPassword } from "./new-password";
import { newPassword, removeAccount } from "../../net/account";
import { busy, passwordChanged } from "../../store/account";
import { FormError } from "../chrome";
import { fields } from "../form";

export function AccountSettings() {
  return (
    <details class="panel stack" data-testid="account-settings">
      <summary data-testid="account-open">{t("account.title")}</summary>
      <form
        class="stack"
        data-testid="password-form"
        onSubmit={(event) => {
          const data = fields(event);
          void newPassword(String(data.get("current") ?? ""), String(data.get("next") ?? ""));
        }}
      >
        <h2>{t("account.password")}</h2>
        <p class="muted">{t("account.passwordHelp")}</p>
        <label class="field">
          <span>{t("account.current")}</span>
          <input
            name="current"
            type="password"
            required
            autoComplete="current-password"
            data-testid="password-current"
          />
        </label>
        <NewPassword
          name="next"
          label="account.new"
          hintId="password-new-hint"
          testId="password-new"
        />
        <FormError
          form="password"
          special={{ not_allowed: "account.wrongPassword", invalid: "start.passwordShort" }}
        />
        {passwordChanged.value && (
          <p role="status" data-testid="password-changed">
            {t("account.passwordChanged")}
          </p>
        )}
        <button class="button button--primary" disabled={busy.value} data-testid="password-submit">
          {t("account.passwordSubmit")}
        </button>
      </form>
      <form
        class="stack"
        data-testid="delete-account-form"
        onSubmit={(event) => {
          const data = fields(event);
          if (confirm(t("account.confirmDelete"))) {
            void removeAccount(String(data.get("password") ?? ""));
          }
        }}
      >
        <h2>{t("account.delete")}</h2>
        <p class="muted">{t("account.deleteHelp")}</p>
        <label class="field">
          <span>{t("start.password")}</span>
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            data-testid="delete-account-password"
          />
        </label>
        <FormError
          form="delete-account"
          special={{ not_allowed: "account.wrongPassword", conflict: "account.hasCases" }}
        />
        <button
          class="button button--danger"
          disabled={busy.value}
          data-testid="delete-account-submit"
        >
          {t("account.deleteSubmit")}
        </button>
      </form>
    </details>
  );
}
