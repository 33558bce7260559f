/** Facilitator actions over HTTP: set up, sign in and out, list and create meetings. */
import type { Template } from "../schema.gen";
import {
  busy,
  caseDetail,
  copied,
  formError,
  joinRenewed,
  meetingDetail,
  myCases,
  myMeetings,
  passwordChanged,
  session,
} from "../store/account";
import { navigate } from "../store/route";
import * as api from "./api";

function codeOf(error: unknown): string {
  return error instanceof api.ApiError ? error.code : "unknown";
}

/** Run one form's request with the busy flag and its error shown by the form. */
export async function run(form: string, work: () => Promise<void>): Promise<void> {
  busy.value = true;
  formError.value = null;
  try {
    await work();
  } catch (error) {
    formError.value = { form, code: codeOf(error) };
  } finally {
    busy.value = false;
  }
}

export async function loadSession(): Promise<void> {
  await run("session", async () => {
    session.value = await api.getSession();
    if (session.value.user) await loadMeetings();
  });
}

async function loadMeetings(): Promise<void> {
  const [answer, cases] = await Promise.all([api.listMeetings(), api.listCases()]);
  myMeetings.value = [...answer.meetings].sort((a, b) => b.created_at - a.created_at);
  myCases.value = cases.cases;
}

/** The first account: the second factor is enrolled next, before it is signed in. */
export async function setUp(name: string, email: string, password: string): Promise<void> {
  await run("setup", async () => {
    await api.setup(name, email, password);
    session.value = await api.getSession();
  });
}

/** The password: the second factor (or its enrolment) is next. */
export async function signIn(email: string, password: string): Promise<void> {
  await run("login", async () => {
    await api.login(email, password);
    session.value = await api.getSession();
  });
}

/** Both factors given: signed in; the meetings and cases load. */
/** `user` is null when an account already signed in enrolled another factor. */
export async function signedIn(user: api.User | null): Promise<void> {
  session.value = await api.getSession();
  if (session.value.user === null && user !== null) session.value = { ...session.value, user };
  await loadMeetings();
}

export async function signOut(): Promise<void> {
  await run("logout", async () => {
    const answer = await api.logout();
    if (answer?.logout_url) {
      // Signed in by the municipality's provider: sign out there as well.
      location.assign(answer.logout_url);
      return;
    }
    session.value = await api.getSession();
    myMeetings.value = null;
    myCases.value = null;
  });
}

/** A new password: every other session of the account ends (and its open meetings). */
export async function newPassword(current: string, next: string): Promise<void> {
  passwordChanged.value = false;
  await run("password", async () => {
    await api.changePassword(current, next);
    passwordChanged.value = true;
  });
}

/** Delete the account and its meetings outside cases (asked to confirm first, in the view). */
export async function removeAccount(password: string): Promise<void> {
  await run("delete-account", async () => {
    await api.deleteAccount(password);
    session.value = await api.getSession();
    myMeetings.value = null;
    myCases.value = null;
  });
}

export async function newMeeting(title: string, template: Template): Promise<void> {
  await run("meeting", async () => {
    const { id } = await api.createMeeting(title, template);
    navigate(`/m/${id}`);
  });
}

export async function loadMeetingDetail(id: string): Promise<void> {
  meetingDetail.value = null;
  await run("detail", async () => {
    meetingDetail.value = await api.getMeeting(id);
  });
}

/** Renew the meeting's join link and code; the page (and the room's screen) show the new ones. */
export async function renewJoin(id: string): Promise<void> {
  joinRenewed.value = false;
  await run("renew", async () => {
    const { links } = await api.renewJoin(id);
    const detail = meetingDetail.peek();
    if (detail && detail.id === id) meetingDetail.value = { ...detail, links };
    joinRenewed.value = true;
  });
}

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context; the link field is selectable as a fallback.
    return;
  }
  copied.value = true;
  setTimeout(() => {
    copied.value = false;
  }, 2000);
}

export async function newCase(title: string): Promise<void> {
  await run("case", async () => {
    const { id } = await api.createCase(title);
    navigate(`/c/${id}`);
  });
}

export async function loadCase(id: string): Promise<void> {
  caseDetail.value = null;
  await run("case-detail", async () => {
    caseDetail.value = await api.getCase(id);
  });
}

/** A meeting in a case: a follow-up starts with the last meeting's open agreements. */
export async function newCaseMeeting(caseId: string, title: string, template: Template) {
  await run("case-meeting", async () => {
    const { id } = await api.createMeeting(title, template, caseId);
    navigate(`/m/${id}`);
  });
}

export async function extendMeeting(caseId: string, meetingId: string): Promise<void> {
  await run("case-detail", async () => {
    await api.extendMeeting(meetingId);
    caseDetail.value = await api.getCase(caseId);
  });
}

export async function removeCase(caseId: string): Promise<void> {
  await run("case-detail", async () => {
    await api.deleteCase(caseId);
    navigate("/");
  });
}

/** Erase a meeting with all it holds (asked to confirm first, in the view). */
export async function removeMeeting(meetingId: string): Promise<void> {
  await run("meeting", async () => {
    await api.deleteMeeting(meetingId);
    await loadMeetings();
  });
}
