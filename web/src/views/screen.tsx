/** `/s?meeting=ID#token`: the projector. Read-only, readable from the back of the room. */
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { openLive } from "../net/live";
import type { Participant } from "../schema.gen";
import { columnCards } from "../store/board";
import { ended, links, presence } from "../store/connection";
import { meeting } from "../store/entities";
import { linkedMeeting } from "../store/route";
import { screenShows, screenView } from "../store/genogram";
import { ScreenAgreements, ScreenClosing, ScreenReview } from "./agreements/screen";
import { ConnectionBar } from "./chrome";
import { Deleted } from "./deleted";
import { ScreenRunning } from "./screen-running";
import { ScreenDrawing } from "./genogram/screen";
import { Note } from "./note";
import { ConcernView } from "./running";
import { admittedPeople } from "./people";
import { groupCode, Qr } from "./qr";
import { agenda, currentPhase, writing } from "../store/facilitation";
import { screenScale } from "../store/scaling";
import { noteScaleSeen, scaleOnScreen, screenMain } from "../store/screen";
import { ScreenScale } from "./scaling/screen";
import { inSafetyPhase } from "./safety/parts";
import { SafetyScreen } from "./safety/screen";

/** Past this many people the join card shrinks, so the list of who is here still fits. */
const CROWDED = 4;

export function ScreenView({ token }: { token: string }) {
  useEffect(() => {
    if (!token) return;
    return openLive({ auth: { screen_token: token }, meetingId: linkedMeeting(location.search) });
  }, [token]);
  const scale = screenScale();
  const phaseId = agenda.value?.current ?? null;
  useEffect(() => {
    if (scale) noteScaleSeen(scale.id, phaseId);
  }, [scale?.id, phaseId]);

  if (ended.value?.code === "deleted") {
    return (
      <main id="main" class="screen screen--message">
        <Deleted />
      </main>
    );
  }
  if (!token || ended.value) {
    return (
      <main id="main" class="screen screen--message" data-testid="screen-refused">
        <p>{token ? t("screen.refused") : t("screen.noToken")}</p>
      </main>
    );
  }
  const current = meeting.value;
  const people = admittedPeople();
  const phase = currentPhase();
  const main = screenMain({
    status: current?.status,
    shows: screenShows(scale),
    scaleShown: scale
      ? scaleOnScreen(scale.id, screenView.value?.shows, phaseId, phase?.kind)
      : false,
    phase: phase?.kind,
  });
  // A closed meeting offers no way in: no QR code, no join code.
  const closed = current?.status === "closed";
  return (
    <div class={`screen screen--${main}`} data-testid="screen" data-main={main}>
      <header class="screen__head">
        <h1 class="screen__title" data-testid="screen-title">
          {current?.title ?? t("screen.loading")}
        </h1>
        <ConnectionBar />
      </header>
      <ScreenRunning />
      <main id="main" class="screen__body">
        {main === "closing" ? (
          <ScreenClosing />
        ) : main === "readback" || main === "agreements" ? (
          <ScreenAgreements readback={main === "readback"} />
        ) : main === "review" ? (
          <ScreenReview />
        ) : main === "drawing" ? (
          <ScreenDrawing />
        ) : main === "scale" && scale ? (
          <ScreenScale scale={scale} />
        ) : main === "concern" ? (
          <ConcernView size="screen" />
        ) : main === "safety" || inSafetyPhase() ? (
          <SafetyScreen />
        ) : (
          <div class={`screen__columns screen__columns--${current?.columns.length ?? 3}`}>
            {current?.columns.map((column) => (
              <section
                key={column}
                class={`column column--${column} screen__column`}
                aria-labelledby={`screen-col-${column}`}
                data-testid={`column-${column}`}
              >
                <h2 id={`screen-col-${column}`} class="column__title">
                  {t(`column.${column}`)}
                </h2>
                <ul class="column__notes">
                  {columnCards(column)
                    .filter((card) => card.pending !== "add")
                    // Once the professionals are back in the room, the family's notes leave
                    // the room's screen until the family shares them.
                    .filter((card) => !card.family || (writing.value?.family ?? false))
                    .map((card) => (
                      <Note key={card.id} card={card} mode="screen" />
                    ))}
                </ul>
              </section>
            ))}
          </div>
        )}
        <aside class={`screen__side${people.length > CROWDED ? " screen__side--crowded" : ""}`}>
          {links.value && !closed && (
            <section class="screen__join" aria-labelledby="screen-join">
              <h2 id="screen-join">{t("screen.join")}</h2>
              <Qr svg={links.value.join_qr_svg} alt={t("screen.qrAlt")} testId="join-qr" />
              <p class="screen__url" data-testid="join-url">
                {links.value.join_url.replace(/^https?:\/\//, "").replace(/#.*$/, "")}
              </p>
              <p class="screen__code-label">{t("screen.code")}</p>
              <p class="screen__code" data-testid="join-code">
                {groupCode(links.value.join_code)}
              </p>
            </section>
          )}
          <PeopleGroup
            title={t("screen.inRoom")}
            people={people.filter((person) => !person.remote)}
            testId="screen-in-room"
          />
          <PeopleGroup
            title={t("screen.remote")}
            people={people.filter((person) => person.remote)}
            testId="screen-remote"
          />
        </aside>
      </main>
    </div>
  );
}

function PeopleGroup({
  title,
  people,
  testId,
}: {
  title: string;
  people: Participant[];
  testId: string;
}) {
  return (
    <section class="screen__people" data-testid={testId}>
      <h2>{title}</h2>
      {people.length === 0 ? (
        <p class="muted">{t("screen.nobody")}</p>
      ) : (
        <ul>
          {people.map((person) => {
            const online = presence.value.has(person.id);
            return (
              <li
                key={person.id}
                data-testid={`presence-${person.id}`}
                data-online={online ? "true" : "false"}
                class={online ? "is-online" : "is-offline"}
              >
                <span
                  class={`dot ${online ? "dot--online" : "dot--offline"}`}
                  role="img"
                  aria-label={online ? t("fac.online") : t("fac.offline")}
                />
                <span>{person.name}</span>
                {person.relation && <span class="muted"> · {person.relation}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
