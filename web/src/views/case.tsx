/** `/c/{caseId}`: a child's case: its meetings past and planned (the årshjul), a new
 * (follow-up) meeting, retention, and deleting the whole case. */
import { useEffect } from "preact/hooks";
import { locale, t } from "../i18n";
import { TITLE_MAX } from "../schema.gen";
import { extendMeeting, loadCase, newCaseMeeting, removeCase } from "../net/account";
import type { MeetingSummary } from "../net/api";
import type { Template } from "../schema.gen";
import { busy, caseDetail } from "../store/account";
import { navigate } from "../store/route";
import { shownDate } from "./agreements/text";
import { FormError, LangToggle } from "./chrome";
import { fields, text } from "./form";
import { CaseScaling } from "./scaling/history";
import { ask } from "../store/dialog";

const TEMPLATES: readonly Template[] = ["three_columns", "loeft", "three_houses"];
const DAY_SECONDS = 86_400;

function day(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString(locale(), {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** One point on the wheel: a meeting held (or running), or one planned at closing. */
interface Mark {
  when: Date;
  kind: "held" | "running" | "planned";
  label: string;
}

function marks(meetings: readonly MeetingSummary[]): Mark[] {
  const found: Mark[] = [];
  for (const meeting of meetings) {
    found.push({
      when: new Date(meeting.created_at * 1000),
      kind: meeting.closed_at ? "held" : "running",
      label: meeting.title,
    });
    if (meeting.next_meeting) {
      const [date, time] = meeting.next_meeting.split("T");
      const [y, m, d] = date!.split("-").map(Number);
      const [hh, mm] = time!.split(":").map(Number);
      found.push({
        when: new Date(y!, m! - 1, d!, hh!, mm!),
        kind: "planned",
        label: meeting.title,
      });
    }
  }
  return found;
}

/** The year wheel: twelve months round a circle, January at the top; the case's meetings as
 * dots at their date (filled: held, ring: planned). The list beside it says the same in words. */
function YearWheel({ meetings }: { meetings: readonly MeetingSummary[] }) {
  const all = marks(meetings);
  // A rolling year: five months back, the current month and six ahead, so a follow-up planned
  // after New Year is on the wheel too. The wheel is cyclic, so each month has one place.
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth() - 5, 1);
  const to = new Date(now.getFullYear(), now.getMonth() + 7, 1);
  const year =
    from.getFullYear() === to.getFullYear() - 1 && to.getMonth() === 0
      ? `${from.getFullYear()}`
      : `${from.getFullYear()}–${String(to.getFullYear()).slice(2)}`;
  const size = 320;
  const centre = size / 2;
  const radius = 118;
  const angle = (when: Date): number => {
    const start = new Date(when.getFullYear(), 0, 1).getTime();
    const end = new Date(when.getFullYear() + 1, 0, 1).getTime();
    return ((when.getTime() - start) / (end - start)) * 2 * Math.PI - Math.PI / 2;
  };
  const months = Array.from({ length: 12 }, (_, index) =>
    new Date(2026, index, 15).toLocaleDateString(locale(), { month: "short" }),
  );
  return (
    <figure class="wheel" data-testid="year-wheel">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-labelledby="wheel-title"
        class="wheel__svg"
      >
        <title id="wheel-title">{t("case.wheelHelp")}</title>
        <circle cx={centre} cy={centre} r={radius} class="wheel__ring" />
        {months.map((name, index) => {
          const a = (index / 12) * 2 * Math.PI - Math.PI / 2;
          const mid = ((index + 0.5) / 12) * 2 * Math.PI - Math.PI / 2;
          return (
            <g key={name}>
              <line
                x1={centre + Math.cos(a) * (radius - 14)}
                y1={centre + Math.sin(a) * (radius - 14)}
                x2={centre + Math.cos(a) * (radius + 14)}
                y2={centre + Math.sin(a) * (radius + 14)}
                class="wheel__tick"
              />
              <text
                x={centre + Math.cos(mid) * (radius + 28)}
                y={centre + Math.sin(mid) * (radius + 28)}
                class="wheel__month"
                text-anchor="middle"
                dominant-baseline="middle"
              >
                {name}
              </text>
            </g>
          );
        })}
        {all
          .filter((mark) => mark.when >= from && mark.when < to)
          .map((mark, index) => {
            const a = angle(mark.when);
            return (
              <circle
                key={index}
                cx={centre + Math.cos(a) * radius}
                cy={centre + Math.sin(a) * radius}
                r={9}
                class={`wheel__dot wheel__dot--${mark.kind}`}
                data-testid={`wheel-${mark.kind}`}
              />
            );
          })}
        <text
          x={centre}
          y={centre}
          class="wheel__year"
          text-anchor="middle"
          dominant-baseline="middle"
        >
          {year}
        </text>
      </svg>
      <figcaption class="wheel__legend">
        <span>
          <span class="wheel__key wheel__key--held" aria-hidden="true" /> {t("case.held")}
        </span>
        <span>
          <span class="wheel__key wheel__key--planned" aria-hidden="true" /> {t("case.planned")}
        </span>
      </figcaption>
    </figure>
  );
}

export function CaseView({ caseId }: { caseId: string }) {
  useEffect(() => {
    void loadCase(caseId);
  }, [caseId]);
  const current = caseDetail.value;
  return (
    <div class="page page--wide">
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
            {t("case.back")}
          </a>
          <h1 data-testid="case-title">{current?.title ?? t("start.loading")}</h1>
        </div>
        <LangToggle />
      </header>
      <main id="main" class="stack stack--large">
        <FormError form="case-detail" />
        {current && (
          <div class="case-layout">
            <section class="panel stack" aria-labelledby="wheel-heading">
              <h2 id="wheel-heading">{t("case.wheel")}</h2>
              <YearWheel meetings={current.meetings} />
            </section>
            <section class="panel stack" aria-labelledby="case-meetings">
              <h2 id="case-meetings">{t("case.meetings")}</h2>
              {current.meetings.length === 0 && <p class="muted">{t("case.noMeetings")}</p>}
              <ol class="case-meetings" data-testid="case-meetings">
                {[...current.meetings]
                  .sort((a, b) => a.created_at - b.created_at)
                  .map((meeting) => (
                    <CaseMeeting
                      key={meeting.id}
                      caseId={current.id}
                      meeting={meeting}
                      retentionDays={current.retention_days}
                    />
                  ))}
              </ol>
              <NewMeetingForm caseId={current.id} />
            </section>
          </div>
        )}
        {current && <CaseScaling caseId={current.id} />}
        {current && (
          <p>
            <button
              type="button"
              class="button button--danger"
              data-testid="case-delete"
              disabled={busy.value}
              onClick={() => {
                ask(
                  t("case.confirmDelete", { title: current.title }),
                  () => void removeCase(current.id),
                  "dialog.delete",
                );
              }}
            >
              {t("case.delete")}
            </button>
          </p>
        )}
      </main>
    </div>
  );
}

function CaseMeeting({
  caseId,
  meeting,
  retentionDays,
}: {
  caseId: string;
  meeting: MeetingSummary;
  retentionDays: number;
}) {
  const state = meeting.closed_at ? "held" : "running";
  const deleteOn =
    meeting.keep_until ??
    (meeting.closed_at ? meeting.closed_at + retentionDays * DAY_SECONDS : null);
  return (
    <li
      class="case-meeting stack stack--small"
      data-testid={`case-meeting-${meeting.id}`}
      data-state={state}
    >
      <a
        href={`/m/${meeting.id}`}
        onClick={(event) => {
          event.preventDefault();
          navigate(`/m/${meeting.id}`);
        }}
      >
        <strong>{meeting.title}</strong>
      </a>
      <span class="muted">
        {day(meeting.created_at)} · {t(`case.${state}`)}
        {meeting.next_meeting &&
          ` · ${t("close.nextMeeting", { when: shownDate(meeting.next_meeting) })}`}
      </span>
      {meeting.closed_at && (
        <div class="row row--wrap">
          <a
            class="button button--small"
            href={`/r/${meeting.id}`}
            data-testid={`case-referat-${meeting.id}`}
          >
            {t("case.referat")}
          </a>
          {deleteOn && <span class="muted">{t("case.keepUntil", { date: day(deleteOn) })}</span>}
          <button
            type="button"
            class="button button--small"
            data-testid={`case-extend-${meeting.id}`}
            onClick={() => void extendMeeting(caseId, meeting.id)}
          >
            {t("case.extend")}
          </button>
        </div>
      )}
    </li>
  );
}

function NewMeetingForm({ caseId }: { caseId: string }) {
  return (
    <form
      class="stack stack--small new-case-meeting"
      data-testid="case-meeting-form"
      onSubmit={(event) => {
        const data = fields(event);
        void newCaseMeeting(caseId, text(data, "title"), text(data, "template") as Template);
      }}
    >
      <h3>{t("case.newMeeting")}</h3>
      <p class="muted">{t("case.followUp")}</p>
      <label class="field">
        <span>{t("start.meetingTitle")}</span>
        <input name="title" required maxLength={TITLE_MAX} data-testid="case-meeting-title" />
      </label>
      <fieldset class="choices">
        <legend>{t("start.template")}</legend>
        {TEMPLATES.map((template, index) => (
          <label class="choice" key={template}>
            <input type="radio" name="template" value={template} defaultChecked={index === 0} />
            <span>{t(`template.${template}`)}</span>
          </label>
        ))}
      </fieldset>
      <FormError form="case-meeting" />
      <button
        class="button button--primary"
        disabled={busy.value}
        data-testid="case-meeting-create"
      >
        {t("start.create")}
      </button>
    </form>
  );
}
