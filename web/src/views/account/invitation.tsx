/** `/invitation#<token>`: an invited facilitator makes their own account with their own
 * password; the link works once, and only for a few days. */
import { useEffect } from "preact/hooks";
import { t } from "../../i18n";
import { NewPassword } from "./new-password";
import { acceptInvitation, loadInvitation } from "../../net/admin";
import { busy, formError } from "../../store/account";
import { invitation } from "../../store/admin";
import { FormError, LangToggle } from "../chrome";
import { fields, text } from "../form";

export function InvitationView({ token }: { token: string }) {
  useEffect(() => {
    void loadInvitation(token);
  }, [token]);
  const info = invitation.value;
  const gone = formError.value?.form === "invitation";
  return (
    <div class="page page--narrow">
      <header class="topbar">
        <h1 class="brand">{t("start.title")}</h1>
        <LangToggle />
      </header>
      <main id="main">
        {gone ? (
          <section class="panel stack" data-testid="invitation-gone">
            <h2>{t("invitation.goneTitle")}</h2>
            <p>{t("invitation.gone")}</p>
          </section>
        ) : info === null ? (
          <p class="muted">{t("start.loading")}</p>
        ) : (
          <form
            class="panel stack"
            data-testid="invitation-form"
            onSubmit={(event) => {
              const data = fields(event);
              void acceptInvitation(
                token,
                text(data, "name"),
                String(data.get("password") ?? ""),
              );
            }}
          >
            <h2>{t("invitation.title")}</h2>
            <p>{t("invitation.intro", { team: info.team, email: info.email })}</p>
            <label class="field">
              <span>{t("start.name")}</span>
              <input name="name" required autoComplete="name" data-testid="invitation-name" />
            </label>
            <NewPassword
              name="password"
              label="start.password"
              hintId="invitation-password-hint"
              testId="invitation-password"
            />
            <FormError
              form="accept"
              special={{ invalid: "start.passwordShort", not_found: "invitation.gone" }}
            />
            <button
              class="button button--primary"
              disabled={busy.value}
              data-testid="invitation-submit"
            >
              {t("invitation.submit")}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
