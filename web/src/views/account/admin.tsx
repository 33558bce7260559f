/** `/admin`: the admin's page: teams (afdelinger), inviting facilitators by a single-use link,
 * deactivating them, and the audit log of the whole installation. */
import { useEffect } from "preact/hooks";
import { t } from "../../i18n";
import { copyText } from "../../net/account";
import { inviteFacilitator, loadAdmin, newTeam, setAccountActive } from "../../net/admin";
import type { Account, Role, Team } from "../../net/api";
import { busy, copied, session } from "../../store/account";
import { adminOverview, installationLog, lastInvitation } from "../../store/admin";
import { navigate } from "../../store/route";
import { AuditTable } from "../audit";
import { FormError, LangToggle } from "../chrome";
import { fields, text } from "../form";
import "./account.css";

export function AdminView() {
  useEffect(() => {
    void loadAdmin();
  }, []);
  const overview = adminOverview.value;
  return (
    <div class="page page--narrow">
      <header class="topbar">
        <div class="topbar__title">
          <a
            href="/"
            class="back-link"
            onClick={(event) => {
              event.preventDefault();
              navigate("/");
            }}
          >
            {t("fac.toStart")}
          </a>
          <h1>{t("admin.title")}</h1>
        </div>
        <LangToggle />
      </header>
      <main id="main" class="stack stack--large">
        <FormError form="admin" />
        {overview === null ? (
          <p class="muted">{t("start.loading")}</p>
        ) : (
          <>
            <InviteForm teams={overview.teams} />
            <Accounts accounts={overview.accounts} teams={overview.teams} />
            <Teams teams={overview.teams} />
            <section class="panel stack" aria-labelledby="admin-log" data-testid="admin-log">
              <h2 id="admin-log">{t("admin.log")}</h2>
              <p class="muted">{t("admin.logHelp")}</p>
              {installationLog.value && installationLog.value.length > 0 ? (
                <AuditTable entries={installationLog.value} />
              ) : (
                <p class="muted">{t("audit.none")}</p>
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}

function InviteForm({ teams }: { teams: readonly Team[] }) {
  const made = lastInvitation.value;
  const mine = session.value?.user?.team_id ?? "";
  return (
    <form
      class="panel stack"
      data-testid="invite-form"
      onSubmit={(event) => {
        const data = fields(event);
        void inviteFacilitator(
          text(data, "email"),
          text(data, "team"),
          text(data, "role") as Role,
        );
      }}
    >
      <h2>{t("admin.invite")}</h2>
      <p class="muted">{t("admin.inviteHelp")}</p>
      <label class="field">
        <span>{t("start.email")}</span>
        <input name="email" type="email" required autoComplete="off" data-testid="invite-email" />
      </label>
      <label class="field">
        <span>{t("admin.team")}</span>
        <select name="team" class="select" data-testid="invite-team" defaultValue={mine}>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="choices">
        <legend>{t("admin.role")}</legend>
        {(["facilitator", "admin"] as const).map((role, index) => (
          <label class="choice" key={role}>
            <input
              type="radio"
              name="role"
              value={role}
              defaultChecked={index === 0}
              data-testid={`invite-role-${role}`}
            />
            <span>{t(`admin.role.${role}`)}</span>
          </label>
        ))}
      </fieldset>
      <FormError form="invite" />
      <button class="button button--primary" disabled={busy.value} data-testid="invite-submit">
        {t("admin.inviteSubmit")}
      </button>
      {made && (
        <div class="stack stack--small" role="status" data-testid="invite-made">
          <p>{t("admin.inviteMade", { email: made.email })}</p>
          <div class="row row--tight">
            <input
              class="input"
              readOnly
              value={made.url}
              aria-label={t("admin.inviteLink")}
              data-testid="invite-link"
              onFocus={(event) => event.currentTarget.select()}
            />
            <button type="button" class="button" onClick={() => void copyText(made.url)}>
              {copied.value ? t("fac.copied") : t("fac.copy")}
            </button>
          </div>
          <p class="muted">{t("admin.inviteExpires")}</p>
        </div>
      )}
    </form>
  );
}

function Accounts({
  accounts,
  teams,
}: {
  accounts: readonly Account[];
  teams: readonly Team[];
}) {
  const me = session.value?.user?.id;
  const teamName = (id: string | null) => teams.find((team) => team.id === id)?.name ?? "";
  return (
    <section class="panel stack" aria-labelledby="admin-accounts" data-testid="admin-accounts">
      <h2 id="admin-accounts">{t("admin.accounts")}</h2>
      <FormError form="accounts" />
      <ul class="meeting-list">
        {accounts.map((account) => (
          <li key={account.id} data-testid={`account-${account.email}`}>
            <span class="stack stack--small">
              <span class="meeting-list__title">{account.name}</span>
              <span class="muted">
                {account.email} · {teamName(account.team_id)} · {t(`admin.role.${account.role}`)}
                {account.active ? "" : ` · ${t("admin.inactive")}`}
              </span>
            </span>
            {account.id !== me && (
              <button
                type="button"
                class={account.active ? "button button--danger" : "button"}
                disabled={busy.value}
                data-testid={`account-${account.active ? "deactivate" : "activate"}-${account.email}`}
                aria-label={t(account.active ? "admin.deactivateNamed" : "admin.activateNamed", {
                  name: account.name,
                })}
                onClick={() => {
                  if (
                    !account.active ||
                    confirm(t("admin.confirmDeactivate", { name: account.name }))
                  ) {
                    void setAccountActive(account.id, !account.active);
                  }
                }}
              >
                {t(account.active ? "admin.deactivate" : "admin.activate")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Teams({ teams }: { teams: readonly Team[] }) {
  return (
    <section class="panel stack" aria-labelledby="admin-teams" data-testid="admin-teams">
      <h2 id="admin-teams">{t("admin.teams")}</h2>
      <p class="muted">{t("admin.teamsHelp")}</p>
      <ul class="meeting-list">
        {teams.map((team) => (
          <li key={team.id}>
            <span class="meeting-list__title">{team.name}</span>
          </li>
        ))}
      </ul>
      <form
        class="row row--tight"
        data-testid="team-form"
        onSubmit={(event) => {
          const data = fields(event);
          void newTeam(text(data, "name"));
        }}
      >
        <input
          name="name"
          class="input"
          required
          maxLength={80}
          aria-label={t("admin.newTeam")}
          placeholder={t("admin.newTeam")}
          data-testid="team-name"
        />
        <button class="button button--primary" disabled={busy.value} data-testid="team-create">
          {t("admin.createTeam")}
        </button>
      </form>
      <FormError form="team" />
    </section>
  );
}
