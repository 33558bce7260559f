/** `/m/{id}`: the facilitator's room: invite, lobby, people, and the whole board. */
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { copyText, loadMeetingDetail } from "../net/account";
import { openLive } from "../net/live";
import { copied, meetingDetail, formError } from "../store/account";
import { ended } from "../store/connection";
import { meeting } from "../store/entities";
import { leading, myRole } from "../store/role";
import { navigate } from "../store/route";
import { AgreementsPanel } from "./agreements/facilitator";
import { Board } from "./board";
import { Announcer } from "./announcer";
import { ConnectionBar, LangToggle, Notice } from "./chrome";
import { DrawingsPanel } from "./genogram/facilitator";
import { Lobby, People } from "./people";
import { RunPanel } from "./run/panel";
import { groupCode, Qr } from "./qr";
import { FacilitatorScaling } from "./scaling/facilitator";
import { TakingPart } from "./taking-part";

export function FacilitatorView({ meetingId }: { meetingId: string }) {
  useEffect(() => {
    void loadMeetingDetail(meetingId);
    return openLive({ auth: { meeting_id: meetingId } });
  }, [meetingId]);

  const failed = formError.value;
  const refused =
    ended.value !== null ||
    (failed?.form === "detail" && (failed.code === "not_allowed" || failed.code === "not_found"));
  const title = meeting.value?.title ?? meetingDetail.value?.title ?? "";

  return (
    <div class="page page--wide facilitator">
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
            {t("fac.backToList")}
          </a>
          <h1 data-testid="meeting-title">{title || t("fac.loading")}</h1>
        </div>
        <div class="topbar__tools">
          <ConnectionBar />
          <LangToggle />
        </div>
      </header>
      <Notice />
      <Announcer />
      {refused ? (
        <main id="main" class="panel stack" data-testid="facilitator-refused">
          <p>{t("fac.signInFirst")}</p>
          <p>
            <a href="/" class="button">
              {t("fac.toStart")}
            </a>
          </p>
        </main>
      ) : myRole.value !== null && !leading.value ? (
        // Handed on: this laptop takes part as the role it has now, and offers nothing more.
        <main id="main" class="facilitator__layout">
          <aside class="facilitator__side stack">
            <People />
          </aside>
          <div class="stack facilitator__main facilitator__handed" data-testid="handed-over">
            <p class="notice-line" role="status" data-testid="handoff-gone">
              {t("handoff.gone")}
            </p>
            {meeting.value ? <TakingPart /> : <p class="muted">{t("fac.loading")}</p>}
            {meeting.value?.status === "closed" && (
              // The record is read over HTTP with the sign-in: the meeting's owner keeps it.
              <a class="button button--primary" href={`/r/${meetingId}`} data-testid="referat-link">
                {t("close.referat")}
              </a>
            )}
          </div>
        </main>
      ) : (
        <main id="main" class="facilitator__layout">
          <aside class="facilitator__side stack">
            <Invite />
            <Lobby />
            <People />
          </aside>
          {meeting.value ? (
            <div class="stack facilitator__main">
              <RunPanel />
              <Board />
              <FacilitatorScaling caseId={meetingDetail.value?.case_id ?? null} />
              <AgreementsPanel meetingId={meetingId} />
              <DrawingsPanel />
            </div>
          ) : (
            <p class="muted">{t("fac.loading")}</p>
          )}
        </main>
      )}
    </div>
  );
}

function Invite() {
  const detail = meetingDetail.value;
  if (!detail) return null;
  const { join_url, join_code, join_qr_svg, screen_url } = detail.links;
  return (
    <section class="panel stack" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("fac.invite")}</h2>
      <div class="invite">
        <Qr svg={join_qr_svg} alt={t("fac.qrAlt")} testId="join-qr" />
        <div class="stack stack--small">
          <p class="invite__label">{t("fac.code")}</p>
          <p class="invite__code" data-testid="join-code">
            {groupCode(join_code)}
          </p>
        </div>
      </div>
      <p class="muted">{t("fac.codeHelp", { url: `${location.host}/j` })}</p>
      <label class="field">
        <span>{t("fac.joinLink")}</span>
        <div class="row row--tight">
          <input
            class="input"
            readOnly
            value={join_url}
            data-testid="join-link"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button
            type="button"
            class="button"
            data-testid="copy-link"
            onClick={() => void copyText(join_url)}
          >
            {copied.value ? t("fac.copied") : t("fac.copy")}
          </button>
        </div>
      </label>
      <div class="stack stack--small">
        <p class="invite__label">{t("fac.screen")}</p>
        <a
          class="button button--primary"
          href={screen_url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="screen-link"
        >
          {t("fac.openScreen")}
        </a>
      </div>
    </section>
  );
}
