/** The facilitator's audit log on the start page: who signed in, joined, was let in, exported
 * or deleted what, and when. Opened on request; loaded each time it is opened. */
import { locale, t, type MessageKey } from "../i18n";
import { loadAuditLog } from "../net/audit";
import type { AuditEntry } from "../net/api";
import { auditEntries, auditFailed } from "../store/audit";

const ACTIONS: Record<string, MessageKey> = {
  "user.setup": "audit.action.user.setup",
  "user.login": "audit.action.user.login",
  "user.login.failed": "audit.action.user.login.failed",
  "meeting.create": "audit.action.meeting.create",
  "meeting.extend": "audit.action.meeting.extend",
  "meeting.delete": "audit.action.meeting.delete",
  "meeting.renew_join": "audit.action.meeting.renew_join",
  "case.create": "audit.action.case.create",
  "case.delete": "audit.action.case.delete",
  "participant.join": "audit.action.participant.join",
  "participant.admit": "audit.action.participant.admit",
  "participant.reject": "audit.action.participant.reject",
  "export.view": "audit.action.export.view",
  "export.text": "audit.action.export.text",
  "export.pdf": "audit.action.export.pdf",
  "export.json": "audit.action.export.json",
  "export.ics": "audit.action.export.ics",
  "summary.link": "audit.action.summary.link",
  "retention.purge": "audit.action.retention.purge",
  "user.password": "audit.action.user.password",
  "user.delete": "audit.action.user.delete",
  "user.invite": "audit.action.user.invite",
  "user.invitation": "audit.action.user.invitation",
  "user.deactivate": "audit.action.user.deactivate",
  "user.activate": "audit.action.user.activate",
  "team.create": "audit.action.team.create",
  "case.colleague.open": "audit.action.case.colleague.open",
  "case.colleague.followup": "audit.action.case.colleague.followup",
  "case.colleague.scaling": "audit.action.case.colleague.scaling",
  "case.colleague.delete": "audit.action.case.colleague.delete",
  "user.2fa.failed.totp": "audit.action.user.2fa.failed.totp",
  "user.2fa.failed.recovery": "audit.action.user.2fa.failed.recovery",
  "user.2fa.failed.passkey": "audit.action.user.2fa.failed.passkey",
  "user.passkey.add": "audit.action.user.passkey.add",
  "user.reset_2fa": "audit.action.user.reset_2fa",
  "user.oidc.refused": "audit.action.user.oidc.refused",
};

function when(at: number): string {
  return new Date(at * 1000).toLocaleString(
    locale(),
    {
      dateStyle: "short",
      timeStyle: "short",
    },
  );
}

function who(entry: AuditEntry): string {
  if (entry.who) return entry.who;
  return entry.action === "retention.purge"
    ? t("audit.system")
    : t("audit.unknown");
}

function what(entry: AuditEntry): string {
  const key = ACTIONS[entry.action];
  return key ? t(key) : entry.action;
}

export function AuditLog() {
  const entries = auditEntries.value;
  return (
    <details
      class="panel audit"
      data-testid="audit"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open)
          void loadAuditLog();
      }}
    >
      <summary data-testid="audit-open">{t("audit.title")}</summary>
      <p class="muted">{t("audit.help")}</p>
      {auditFailed.value && (
        <p class="form-error" role="alert">
          {t("audit.failed")}
        </p>
      )}
      {entries && entries.length === 0 && (
        <p class="muted">{t("audit.none")}</p>
      )}
      {entries && entries.length > 0 && <AuditTable entries={entries} />}
      <button
        type="button"
        class="button"
        data-testid="audit-refresh"
        onClick={() => void loadAuditLog()}
      >
        {t("audit.refresh")}
      </button>
    </details>
  );
}

/** The rows of an audit log, newest first: the facilitator's own, or the admin's whole one. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    // Wider than a phone: it scrolls, so the keyboard must reach it too.
    <div class="audit__scroll" tabIndex={0} role="region" aria-label={t("audit.title")}>
      <table class="audit__table" data-testid="audit-table">
        <caption class="visually-hidden">{t("audit.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.what")}</th>
            <th scope="col">{t("audit.meeting")}</th>
            <th scope="col">{t("audit.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={`${entry.at}-${index}`} data-testid="audit-row" data-action={entry.action}>
              <td>{when(entry.at)}</td>
              <td>{who(entry)}</td>
              <td>{what(entry)}</td>
              <td>{entry.meeting_title ?? ""}</td>
              <td class="audit__detail">{entry.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
