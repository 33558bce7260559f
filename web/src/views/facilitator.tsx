/** `/m/{id}`: the facilitator's room: invite, lobby, people, and the whole board. */
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { loadMeetingDetail } from "../net/account";
import { openLive } from "../net/live";
import { meetingDetail, formError } from "../store/account";
import { ended } from "../store/connection";
import { meeting } from "../store/entities";
import { leading, myRole } from "../store/role";
import { navigate } from "../store/route";
import { giveBackText } from "../store/ui";
import { Announcer } from "./announcer";
import { ConnectionBar, LangToggle, Notice } from "./chrome";
import { People } from "./people";
import { Cockpit } from "./run/cockpit";
import { TakingPart } from "./taking-part";

export function FacilitatorView({ meetingId }: { meetingId: string }) {
  useEffect(() => {
    void loadMeetingDetail(meetingId);
    return openLive({ auth: { meeting_id: meetingId }, onRefused: giveBackText });
  }, [meetingId]);

  const failed = formError.value;
  const refused =
    ended.value !== null ||
    (failed?.form === "detail" &&
      (failed.code === "not_allowed" || failed.code === "not_found"));
  const title = meeting.value?.title ?? meetingDetail.value?.title ?? "";

  return (
    <div
      class={`page page--wide facilitator ${leading.value ? "page--cockpit" : ""}`}
    >
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
          <div
            class="stack facilitator__main facilitator__handed"
            data-testid="handed-over"
          >
            <p class="notice-line" role="status" data-testid="handoff-gone">
              {t("handoff.gone")}
            </p>
            {meeting.value ? (
              <TakingPart />
            ) : (
              <p class="muted">{t("fac.loading")}</p>
            )}
            {meeting.value?.status === "closed" && (
              // The record is read over HTTP with the sign-in: the meeting's owner keeps it.
              <a
                class="button button--primary"
                href={`/r/${meetingId}`}
                data-testid="referat-link"
              >
                {t("close.referat")}
              </a>
            )}
          </div>
        </main>
      ) : meeting.value ? (
        <Cockpit meetingId={meetingId} />
      ) : (
        <main id="main">
          <p class="muted">{t("fac.loading")}</p>
        </main>
      )}
    </div>
  );
}
