/** The facilitator's side outside a meeting: the session, their meetings, one meeting's links. */
import { signal } from "@preact/signals";
import type { CaseDetail, CaseSummary, MeetingDetail, MeetingSummary, Session } from "../net/api";

/** null while loading. */
export const session = signal<Session | null>(null);
export const myMeetings = signal<readonly MeetingSummary[] | null>(null);
export const meetingDetail = signal<MeetingDetail | null>(null);
/** The join link and code were just renewed from this page. */
export const joinRenewed = signal(false);
/** The refusal of the form (or load) that failed last, shown next to it: its code, and what
 * the server said by id (`say`, `params`) where it said more than the code. */
export const formError = signal<{
  form: string;
  code: string;
  say?: string | null;
  params?: Readonly<Record<string, string | number>> | null;
} | null>(null);
export const busy = signal(false);
export const copied = signal(false);
export const myCases = signal<readonly CaseSummary[] | null>(null);
/** The case shown at /c/<id>; null while loading. */
export const caseDetail = signal<CaseDetail | null>(null);
/** The account's own password change went through (shown until the next form). */
export const passwordChanged = signal(false);
