/** `/`: set up the first facilitator, sign in, list my meetings, create one. */
import { useEffect } from "preact/hooks";
import { locale, t, type MessageKey } from "../i18n";
import { TITLE_MAX } from "../schema.gen";
import {
  loadSession,
  newCase,
  newMeeting,
  removeMeeting,
  setUp,
  signIn,
  signOut,
} from "../net/account";
import type { Template } from "../schema.gen";
import { busy, myCases, myMeetings, session } from "../store/account";
import { navigate } from "../store/route";
import { recoveryCodes } from "../store/second-factor";
import { FormError, LangToggle } from "./chrome";
import { NewPassword } from "./account/new-password";
import { Enrol, RecoveryCodes, SecondFactor } from "./account/second-factor";
import { AccountSettings } from "./account/settings";
import { AuditLog } from "./audit";
import { fields, text } from "./form";
import { ask } from "../store/dialog";

const TEMPLATES: readonly Template[] = ["three_columns", "loeft", "three_houses"];

export function StartView() {
  useEffect(() => {
    void loadSession();
  }, []);
  const current = session.value;
  return (
    <div class="page page--narrow">
      <header class="topbar">
        <div>
          <h1 class="brand">{t("start.title")}</h1>
          <p class="muted">{t("start.tagline")}</p>
        </div>
        <LangToggle />
      </header>
      <main id="main">
        {current === null ? (
          <>
            <p class="muted" data-testid="start-loading">
              {t("start.loading")}
            </p>
            <FormError form="session" />
          </>
        ) : recoveryCodes.value ? (
          <RecoveryCodes />
        ) : current.setup_needed && current.local_passwords ? (
          <>
            <ProviderSignIn />
            <SetupForm />
          </>
        ) : current.stage === "enrol" ? (
          <Enrol email={current.email ?? ""} />
        ) : current.stage === "second_factor" ? (
          <SecondFactor methods={current.methods} />
        ) : current.user ? (
          <Signedin
            name={current.user.name}
            admin={current.user.role === "admin"}
            local={current.user.local}
          />
        ) : (
          <>
            <ProviderSignIn />
            {current.local_passwords && <LoginForm />}
          </>
        )}
        <p class="aside">
          <a href="/j" data-testid="to-join">
            {t("start.joinInstead")}
          </a>
        </p>
      </main>
    </div>
  );
}

function SetupForm() {
  return (
    <form
      class="panel stack"
      data-testid="setup-form"
      onSubmit={(event) => {
        const data = fields(event);
        void setUp(text(data, "name"), text(data, "email"), String(data.get("password") ?? ""));
      }}
    >
      <h2>{t("start.setupTitle")}</h2>
      <p>{t("start.setupIntro")}</p>
      <label class="field">
        <span>{t("start.name")}</span>
        <input name="name" required autoComplete="name" data-testid="setup-name" />
      </label>
      <label class="field">
        <span>{t("start.email")}</span>
        <input name="email" type="email" required autoComplete="email" data-testid="setup-email" />
      </label>
      <NewPassword
        name="password"
        label="start.password"
        hintId="password-hint"
        testId="setup-password"
      />
      <FormError form="setup" special={{ invalid: "start.passwordShort" }} />
      <button class="button button--primary" disabled={busy.value} data-testid="setup-submit">
        {t("start.setupSubmit")}
      </button>
    </form>
  );
}

const SIGN_IN_ERRORS: readonly string[] = [
  "state",
  "provider",
  "provider_denied",
  "token",
  "id_token",
  "not_allowed",
  "domain",
  "email",
  "inactive",
  "subject",
];

/** The municipality's sign-in button, and why the last sign-in through it was refused. */
function ProviderSignIn() {
  const provider = session.value?.provider;
  if (!provider) return null;
  const reason = new URLSearchParams(location.search).get("signin_error");
  const known = reason !== null && SIGN_IN_ERRORS.includes(reason) ? reason : "unknown";
  return (
    <section class="panel stack" data-testid="provider-sign-in">
      <h2>{t("oidc.title")}</h2>
      {reason !== null && (
        <p class="form-error" role="alert" data-testid="provider-error" data-reason={known}>
          {t(`oidc.error.${known}` as MessageKey)}
        </p>
      )}
      <a class="button button--primary" href={provider.start} data-testid="provider-button">
        {provider.button || t("oidc.button")}
      </a>
    </section>
  );
}

function LoginForm() {
  return (
    <form
      class="panel stack"
      data-testid="login-form"
      onSubmit={(event) => {
        const data = fields(event);
        void signIn(text(data, "email"), String(data.get("password") ?? ""));
      }}
    >
      <h2>{t("start.loginTitle")}</h2>
      <label class="field">
        <span>{t("start.email")}</span>
        <input name="email" type="email" required autoComplete="email" data-testid="login-email" />
      </label>
      <label class="field">
        <span>{t("start.password")}</span>
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          data-testid="login-password"
        />
      </label>
      <FormError form="login" special={{ not_allowed: "start.loginFailed" }} />
      <button class="button button--primary" disabled={busy.value} data-testid="login-submit">
        {t("start.loginSubmit")}
      </button>
    </form>
  );
}

function Signedin({ name, admin, local }: { name: string; admin: boolean; local: boolean }) {
  const meetings = myMeetings.value;
  return (
    <div class="stack stack--large">
      <div class="row row--between">
        <p data-testid="signed-in">{t("start.signedInAs", { name })}</p>
        {admin && (
          <a
            href="/admin"
            class="button"
            data-testid="to-admin"
            onClick={(event) => {
              event.preventDefault();
              navigate("/admin");
            }}
          >
            {t("admin.open")}
          </a>
        )}
        <button
          type="button"
          class="button"
          data-testid="logout"
          disabled={busy.value}
          onClick={() => void signOut()}
        >
          {t("start.logout")}
        </button>
      </div>
      <FormError form="logout" />

      <Cases />

      <form
        class="panel stack"
        data-testid="meeting-form"
        onSubmit={(event) => {
          const data = fields(event);
          const template = text(data, "template") as Template;
          void newMeeting(text(data, "title"), template);
        }}
      >
        <h2>{t("start.newMeeting")}</h2>
        <label class="field">
          <span>{t("start.meetingTitle")}</span>
          <input
            name="title"
            required
            maxLength={TITLE_MAX}
            aria-describedby="title-hint"
            data-testid="meeting-title"
          />
          <small id="title-hint" class="muted">
            {t("start.meetingTitleHint")}
          </small>
        </label>
        <fieldset class="choices">
          <legend>{t("start.template")}</legend>
          {TEMPLATES.map((template, index) => (
            <label class="choice" key={template}>
              <input
                type="radio"
                name="template"
                value={template}
                defaultChecked={index === 0}
                data-testid={`template-${template}`}
              />
              <span>{t(`template.${template}`)}</span>
            </label>
          ))}
        </fieldset>
        <FormError form="meeting" />
        <button class="button button--primary" disabled={busy.value} data-testid="meeting-create">
          {t("start.create")}
        </button>
      </form>

      <section class="stack" aria-labelledby="my-meetings">
        <h2 id="my-meetings">{t("start.myMeetings")}</h2>
        {meetings && meetings.length === 0 && <p class="muted">{t("start.noMeetings")}</p>}
        <ul class="meeting-list" data-testid="meeting-list">
          {meetings?.map((meeting) => (
            <li key={meeting.id}>
              <a
                href={`/m/${meeting.id}`}
                data-testid={`meeting-link-${meeting.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`/m/${meeting.id}`);
                }}
              >
                <span class="meeting-list__title">{meeting.title}</span>
                <span class="muted">
                  {t(`template.${meeting.template}`)} ·{" "}
                  {new Date(meeting.created_at * 1000).toLocaleDateString(
                    locale(),
                  )}
                </span>
              </a>
              <button
                type="button"
                class="button button--small button--danger"
                aria-label={t("start.deleteMeetingNamed", { title: meeting.title })}
                data-testid={`meeting-delete-${meeting.id}`}
                disabled={busy.value}
                onClick={() => {
                  ask(
                    t("start.confirmDeleteMeeting", { title: meeting.title }),
                    () => void removeMeeting(meeting.id),
                    "dialog.delete",
                  );
                }}
              >
                {t("start.deleteMeeting")}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <AuditLog />
      {local && <AccountSettings />}
    </div>
  );
}

/** A child's meetings grouped under a pseudonymous title. */
function Cases() {
  const cases = myCases.value;
  return (
    <section class="panel stack" aria-labelledby="cases-title" data-testid="cases">
      <h2 id="cases-title">{t("case.title")}</h2>
      <p class="muted">{t("case.help")}</p>
      {cases && cases.length === 0 && <p class="muted">{t("case.none")}</p>}
      <ul class="meeting-list">
        {cases?.map((item) => (
          <li key={item.id}>
            <a
              href={`/c/${item.id}`}
              data-testid={`case-link-${item.id}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(`/c/${item.id}`);
              }}
            >
              <span class="meeting-list__title">{item.title}</span>
            </a>
          </li>
        ))}
      </ul>
      <form
        class="row row--tight"
        data-testid="case-form"
        onSubmit={(event) => {
          const data = fields(event);
          void newCase(text(data, "title"));
        }}
      >
        <input
          name="title"
          class="input"
          required
          maxLength={TITLE_MAX}
          aria-label={t("case.newTitle")}
          placeholder={t("case.newTitle")}
          data-testid="case-title-input"
        />
        <button class="button button--primary" disabled={busy.value} data-testid="case-create">
          {t("case.create")}
        </button>
      </form>
      <FormError form="case" />
    </section>
  );
}
