/** People in a meeting: the facilitator's lobby and list, and who is online. */
import { t } from "../i18n";
import { admit, reject, setAutoAdmit } from "../net/actions";
import type { Participant } from "../schema.gen";
import { me, presence } from "../store/connection";
import { meeting, participants } from "../store/entities";
import { LobbyControls } from "./lobby-controls";

/** In the meeting (not waiting, not sent away), in the order they joined. */
export function admittedPeople(): Participant[] {
  return [...participants.value.values()]
    .filter((person) => person.admitted && !person.removed)
    .sort((a, b) => a.joined_at - b.joined_at || (a.id < b.id ? -1 : 1));
}

export function waitingPeople(): Participant[] {
  return [...participants.value.values()]
    .filter((person) => !person.admitted && !person.removed)
    .sort((a, b) => a.joined_at - b.joined_at || (a.id < b.id ? -1 : 1));
}

export function OnlineDot({ id }: { id: string }) {
  const online = presence.value.has(id);
  return (
    <span
      class={`dot ${online ? "dot--online" : "dot--offline"}`}
      role="img"
      aria-label={online ? t("fac.online") : t("fac.offline")}
      title={online ? t("fac.online") : t("fac.offline")}
    />
  );
}

/** Let everyone waiting in: one admit each, in the order they came. */
function admitAll(people: readonly Participant[]): void {
  for (const person of people) admit(person.id);
}

export function Lobby() {
  const waiting = waitingPeople();
  const autoAdmit = meeting.value?.auto_admit ?? false;
  return (
    <section
      class={`panel stack lobby ${waiting.length ? "lobby--waiting" : ""}`}
      aria-labelledby="lobby-title"
      data-testid="lobby"
      data-count={waiting.length}
    >
      <div class="row row--between">
        <h2 id="lobby-title">
          {t("fac.lobby")}{" "}
          <span
            class={`badge ${waiting.length ? "badge--alert" : ""}`}
            data-testid="lobby-count"
          >
            {waiting.length}
          </span>
        </h2>
        {waiting.length > 1 && (
          <button
            type="button"
            class="button button--primary button--small"
            data-testid="lobby-admit-all"
            onClick={() => admitAll(waiting)}
          >
            {t("lobby.admitAll", { n: waiting.length })}
          </button>
        )}
      </div>
      <label class="switch">
        <input
          type="checkbox"
          checked={autoAdmit}
          data-testid="auto-admit"
          onChange={(event) => setAutoAdmit(event.currentTarget.checked)}
        />
        <span>{t("fac.autoAdmit")}</span>
      </label>
      {me.value && <LobbyControls meetingId={me.value.meetingId} waiting={waiting.length} />}
      {waiting.length === 0 ? (
        <p class="muted">{t("fac.lobbyEmpty")}</p>
      ) : (
        <ul class="people">
          {waiting.map((person) => (
            <li key={person.id} class="person person--waiting" data-testid={`lobby-${person.id}`}>
              <PersonLine person={person} />
              <div class="row">
                <button
                  type="button"
                  class="button button--primary button--small"
                  aria-label={t("fac.admitName", { name: person.name })}
                  data-testid={`admit-${person.id}`}
                  onClick={() => admit(person.id)}
                >
                  {t("fac.admit")}
                </button>
                <button
                  type="button"
                  class="button button--small"
                  aria-label={t("fac.rejectName", { name: person.name })}
                  data-testid={`reject-${person.id}`}
                  onClick={() => reject(person.id)}
                >
                  {t("fac.reject")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonLine({ person }: { person: Participant }) {
  const self = person.id === me.value?.participantId;
  return (
    <div class="person__line">
      <OnlineDot id={person.id} />
      <span class="person__name">
        {person.name}
        {self && <span class="muted"> ({t("fac.you")})</span>}
      </span>
      <span class="person__meta muted">
        {t(`role.${person.role}`)}
        {person.relation ? ` · ${person.relation}` : ""}
        {" · "}
        {person.remote ? t("fac.remote") : t("fac.inRoom")}
      </span>
    </div>
  );
}

export function People() {
  const people = admittedPeople();
  return (
    <section class="panel stack" aria-labelledby="people-title" data-testid="participants">
      <h2 id="people-title">
        {t("fac.participants")} <span class="badge">{people.length}</span>
      </h2>
      <ul class="people">
        {people.map((person) => (
          <li
            key={person.id}
            class="person"
            data-testid={`presence-${person.id}`}
            data-online={presence.value.has(person.id) ? "true" : "false"}
            data-remote={person.remote ? "true" : "false"}
          >
            <PersonLine person={person} />
          </li>
        ))}
      </ul>
    </section>
  );
}
