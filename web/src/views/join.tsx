/** `/j#token` (or `/j` and a code): join from a phone, wait in the lobby, then the phone board. */
import { useEffect } from "preact/hooks";
import { t, type MessageKey } from "../i18n";
import { NAME_MAX, RELATION_MAX } from "../schema.gen";
import { joinAgain, leaveMeeting, startJoin, submitCode, submitJoin } from "../net/joining";
import type { ParticipantRole } from "../schema.gen";
import { busy } from "../store/account";
import { check } from "../store/forms";
import { connection, me } from "../store/connection";
import { meeting } from "../store/entities";
import { joinStep } from "../store/joining";
import { waitingCount } from "../store/pending";
import { Announcer } from "./announcer";
import { ConnectionBar, FormError, Notice } from "./chrome";
import { Deleted } from "./deleted";
import { FieldError, Label, fieldState, focusFirstRefused } from "./field-error";
import { fields, text } from "./form";
import { LanguageButton, LanguagePicker } from "./language";
import { TakingPart } from "./taking-part";

const ROLES: readonly ParticipantRole[] = ["familie", "privat", "fagperson", "raadgiver"];
/** The code as people type it from the screen: 8 digits, with spaces or dashes between. */
const CODE_TYPED_MAX = 24;

function codeErrors(code: string): Record<string, MessageKey> {
  const digits = code.replace(/[\s\-‐‑–—]/g, "");
  if (!digits) return { code: "join.codeRequired" };
  return /^\d{8}$/.test(digits) ? {} : { code: "join.codeShape" };
}

function joinErrors(data: FormData): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!text(data, "name")) errors["name"] = "join.nameRequired";
  if (!ROLES.includes(text(data, "role") as ParticipantRole)) errors["role"] = "join.roleRequired";
  return errors;
}

export function JoinView({ token }: { token: string }) {
  useEffect(() => {
    void startJoin(token);
    return leaveMeeting;
  }, [token]);

  const step = joinStep.value;
  const inMeeting = step.kind === "meeting";
  return (
    <div class="page page--phone">
      <header class="topbar topbar--phone">
        <p class="brand brand--small">{t("app.name")}</p>
        <LanguageButton offered={!inMeeting} />
      </header>
      {inMeeting && <ConnectionBar />}
      {inMeeting && <Announcer />}
      <Notice />
      <main id="main">
        <LanguagePicker offered={!inMeeting} />
        {step.kind === "loading" && <p class="muted">{t("join.loading")}</p>}
        {step.kind === "code" && <CodeForm />}
        {step.kind === "form" && <JoinForm title={step.title} />}
        {step.kind === "meeting" && <InMeeting title={step.title} />}
        {step.kind === "gone" && <Gone why={step.why} />}
      </main>
    </div>
  );
}

function CodeForm() {
  return (
    <form
      class="stack"
      data-testid="code-form"
      noValidate
      onSubmit={(event) => {
        const form = event.currentTarget;
        const code = text(fields(event), "code");
        if (!check("code", codeErrors(code))) {
          requestAnimationFrame(() => focusFirstRefused(form));
          return;
        }
        void submitCode(code);
      }}
    >
      <h1>{t("join.title")}</h1>
      <label class="field">
        <Label required>{t("join.codeLabel")}</Label>
        <input
          name="code"
          class="input input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={CODE_TYPED_MAX}
          required
          data-testid="code-input"
          {...fieldState("code", "code", "code-help")}
        />
        <small id="code-help" class="muted">
          {t("join.codeHelp")}
        </small>
        <FieldError form="code" field="code" />
      </label>
      <FormError form="code" special={{ code_wrong: "join.codeWrong" }} />
      <button
        class="button button--primary button--large"
        disabled={busy.value}
        data-testid="code-submit"
      >
        {t("join.codeSubmit")}
      </button>
    </form>
  );
}

function JoinForm({ title }: { title: string }) {
  return (
    <form
      class="stack"
      data-testid="join-form"
      noValidate
      onSubmit={(event) => {
        const form = event.currentTarget;
        const data = fields(event);
        if (!check("join", joinErrors(data))) {
          requestAnimationFrame(() => focusFirstRefused(form));
          return;
        }
        void submitJoin({
          name: text(data, "name"),
          role: text(data, "role") as ParticipantRole,
          relation: text(data, "relation"),
          remote: text(data, "where") === "remote",
        });
      }}
    >
      <p class="muted">{t("join.meeting")}</p>
      <h1 data-testid="join-meeting-title">{title}</h1>
      <p class="muted">{t("form.requiredNote")}</p>
      <label class="field">
        <Label required>{t("join.name")}</Label>
        <input
          name="name"
          class="input"
          required
          maxLength={NAME_MAX}
          autoComplete="given-name"
          data-testid="join-name"
          {...fieldState("join", "name")}
        />
        <FieldError form="join" field="name" />
      </label>
      <label class="field">
        <Label required>{t("join.role")}</Label>
        <select
          name="role"
          class="select"
          required
          data-testid="join-role"
          {...fieldState("join", "role")}
        >
          <option value="">{t("join.rolePick")}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        <FieldError form="join" field="role" />
      </label>
      <label class="field">
        <span>{t("join.relation")}</span>
        <input
          name="relation"
          class="input"
          maxLength={RELATION_MAX}
          aria-describedby="relation-hint"
          data-testid="join-relation"
        />
        <small id="relation-hint" class="muted">
          {t("join.relationHint")}
        </small>
      </label>
      <fieldset class="choices">
        <legend>{t("join.where")}</legend>
        <label class="choice">
          <input type="radio" name="where" value="room" defaultChecked data-testid="join-in-room" />
          <span>{t("join.inRoom")}</span>
        </label>
        <label class="choice">
          <input type="radio" name="where" value="remote" data-testid="join-remote" />
          <span>{t("join.remote")}</span>
        </label>
      </fieldset>
      <p class="muted">{t("join.privacy")}</p>
      <FormError form="join" />
      <button
        class="button button--primary button--large"
        disabled={busy.value}
        data-testid="join-submit"
      >
        {t("join.submit")}
      </button>
    </form>
  );
}

function InMeeting({ title }: { title: string }) {
  if (connection.value === "lobby" || me.value?.admitted === false) {
    return (
      <section class="lobby-wait stack" data-testid="lobby-waiting" aria-live="polite">
        <div class="lobby-wait__ring" aria-hidden="true" />
        <h1>{t("join.lobbyTitle")}</h1>
        <p class="muted">{title}</p>
        <p>{t("join.lobbyText")}</p>
      </section>
    );
  }
  if (!meeting.value) {
    return (
      <section class="stack">
        <h1>{title}</h1>
        <p class="muted">{t("join.loading")}</p>
        {waitingCount.value > 0 && <p>{t("conn.waiting", { count: waitingCount.value })}</p>}
      </section>
    );
  }
  return <TakingPart />;
}

function Gone({ why }: { why: "link" | "goodbye" | "refused" | "closed" | "deleted" }) {
  if (why === "deleted") return <Deleted />;
  return (
    <section class="stack" data-testid="join-gone" data-why={why}>
      <h1>
        {why === "link"
          ? t("join.title")
          : why === "closed"
            ? t("join.closedTitle")
            : t("join.goodbyeTitle")}
      </h1>
      <p>
        {why === "link"
          ? t("join.linkGone")
          : why === "closed"
            ? t("join.closedText")
            : why === "goodbye"
              ? t("join.goodbyeText")
              : t("join.refused")}
      </p>
      <button type="button" class="button" data-testid="join-again" onClick={joinAgain}>
        {t("join.again")}
      </button>
    </section>
  );
}
