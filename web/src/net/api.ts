/** The HTTP API (docs/http.md): sign-in, meetings, joining. JSON in, JSON out, errors by code. */
import {
  ERROR_CODES,
  type ErrorCode,
  type Links,
  type ParticipantRole,
  type ScaleKind,
  type Template,
} from "../schema.gen";

// These bodies are specified in docs/http.md, not in shared_schema, so they are typed here.
export type Role = "admin" | "facilitator";
export interface User {
  id: string;
  name: string;
  email: string;
  /** An admin runs meetings too, and invites and deactivates facilitators. */
  role: Role;
  team_id: string | null;
  /** Signs in with a password here, not through the municipality's provider. */
  local: boolean;
}
export type Stage = "enrol" | "second_factor";
export type Method = "passkey" | "totp" | "recovery";
export interface Session {
  setup_needed: boolean;
  user: User | null;
  /** Half signed in (the password given): the step left, and with what. */
  stage: Stage | null;
  methods: Method[];
  email: string | null;
  /** The municipality's OpenID provider, when one is configured. */
  provider: { button: string; start: string } | null;
  /** False: only the provider signs people in. */
  local_passwords: boolean;
}
/** The password (or invitation) was right; the second factor is next. */
export interface HalfSignedIn {
  user: null;
  stage: Stage;
  methods: Method[];
}
/** Signed in with both factors; a first enrolment brings its one-time recovery codes. */
export interface SignedIn {
  user: User;
  recovery_codes: string[];
}
export interface MeetingSummary {
  id: string;
  title: string;
  template: Template;
  created_at: number;
  case_id: string | null;
  closed_at: number | null;
  /** Local time of the next meeting, YYYY-MM-DDTHH:MM, set when the meeting closed. */
  next_meeting: string | null;
  keep_until: number | null;
}
export interface CaseSummary {
  id: string;
  title: string;
  created_at: number;
}
export interface CaseDetail extends CaseSummary {
  meetings: MeetingSummary[];
  /** False when a colleague in the team opens it (that access is audited). */
  mine: boolean;
  /** Closed meetings are deleted this many days after closing, unless extended. */
  retention_days: number;
}
export interface MeetingDetail extends MeetingSummary {
  links: Links & { screen_url: string };
}
export interface Joined {
  participant_token: string;
  participant_id: string;
  meeting_id: string;
}

/** A refusal from the server (its `code`), or "network" when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network" | "unknown",
    readonly status: number,
  ) {
    super(code);
  }
}

const CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES);

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers:
        method === "POST"
          ? { "Content-Type": "application/json", Accept: "application/json" }
          : { Accept: "application/json" },
      body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError("network", 0);
  }
  if (response.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const code =
      typeof data === "object" && data !== null && "code" in data ? String(data.code) : "";
    throw new ApiError(CODES.has(code) ? (code as ErrorCode) : "unknown", response.status);
  }
  return data as T;
}

export const getSession = (): Promise<Session> => call("GET", "/api/session");

export const setup = (name: string, email: string, password: string): Promise<HalfSignedIn> =>
  call("POST", "/api/setup", { name, email, password });

export const login = (email: string, password: string): Promise<HalfSignedIn> =>
  call("POST", "/api/login", { email, password });

/** Signed in by the provider: where the browser ends its session there too. */
export const logout = (): Promise<{ logout_url: string } | undefined> =>
  call("POST", "/api/logout", {});

export const listMeetings = (): Promise<{ meetings: MeetingSummary[] }> =>
  call("GET", "/api/meetings");

export const createMeeting = (
  title: string,
  template: Template,
  caseId: string | null = null,
): Promise<{ id: string }> => call("POST", "/api/meetings", { title, template, case_id: caseId });

export const extendMeeting = (id: string): Promise<{ keep_until: number }> =>
  call("POST", `/api/meetings/${encodeURIComponent(id)}/extend`, {});

export const listCases = (): Promise<{ cases: CaseSummary[] }> => call("GET", "/api/cases");

export const createCase = (title: string): Promise<{ id: string }> =>
  call("POST", "/api/cases", { title });

export const getCase = (id: string): Promise<CaseDetail> =>
  call("GET", `/api/cases/${encodeURIComponent(id)}`);

/** One revealed round of a scaling question: a meeting's values (never names) and median. */
export interface ScalePoint {
  meeting_id: string;
  title: string;
  at: number;
  values: number[];
  median: number | null;
  answered: number;
}
/** The same scaling question across a case's meetings, oldest first. */
export interface ScaleHistory {
  key: string;
  question: string;
  kind: ScaleKind;
  low: string;
  high: string;
  points: ScalePoint[];
}

export const getCaseScaling = (id: string): Promise<{ questions: ScaleHistory[] }> =>
  call("GET", `/api/cases/${encodeURIComponent(id)}/scaling`);

export const deleteCase = (id: string): Promise<void> =>
  call("POST", `/api/cases/${encodeURIComponent(id)}/delete`, {});

export const getMeeting = (id: string): Promise<MeetingDetail> =>
  call("GET", `/api/meetings/${encodeURIComponent(id)}`);

/** A new join link and code; the old ones stop working at once. */
export const renewJoin = (id: string): Promise<{ links: MeetingDetail["links"] }> =>
  call("POST", `/api/meetings/${encodeURIComponent(id)}/renew-join`, {});

export const joinByCode = (code: string): Promise<{ join_token: string }> =>
  call("POST", "/api/join/code", { code });

export const joinInfo = (
  joinToken: string,
): Promise<{ meeting_id: string; title: string; closed?: boolean }> =>
  call("POST", "/api/join/info", { join_token: joinToken });

/** `meetingId` (from joinInfo) lets a proxy in front of several nodes route the join to the
 * node that serves the meeting; the server reads only the body. */
export const join = (
  body: {
    join_token: string;
    name: string;
    role: ParticipantRole;
    relation: string;
    remote: boolean;
  },
  meetingId: string,
): Promise<Joined> => call("POST", `/api/join?meeting=${encodeURIComponent(meetingId)}`, body);

/** One line of the facilitator's audit log (`GET /api/audit`, docs/http.md). */
export interface AuditEntry {
  at: number;
  action: string;
  /** Who did it, by name; empty for an unknown person (a failed sign-in) or Kreds itself. */
  who: string;
  meeting_id: string | null;
  meeting_title: string | null;
  /** An address, a name or a count; never note text. */
  detail: string;
}

export const getAuditLog = (): Promise<{ entries: AuditEntry[] }> => call("GET", "/api/audit");

export const deleteMeeting = (id: string): Promise<void> =>
  call("POST", `/api/meetings/${encodeURIComponent(id)}/delete`, {});

export const changePassword = (current_password: string, new_password: string): Promise<void> =>
  call("POST", "/api/account/password", { current_password, new_password });

export const deleteAccount = (password: string): Promise<void> =>
  call("POST", "/api/account/delete", { password });

// -- the admin's page (docs/http.md) ------------------------------------------------------------

export interface Team {
  id: string;
  name: string;
}
export interface Account {
  id: string;
  name: string;
  email: string;
  role: Role;
  team_id: string | null;
  active: boolean;
}
export interface AdminOverview {
  teams: Team[];
  accounts: Account[];
}
export interface Invitation {
  url: string;
  expires_at: number;
}
export interface InvitationInfo {
  email: string;
  team: string;
  role: Role;
  expires_at: number;
}

export const getAdmin = (): Promise<AdminOverview> => call("GET", "/api/admin");

export const createTeam = (name: string): Promise<Team> =>
  call("POST", "/api/admin/teams", { name });

export const invite = (email: string, team_id: string, role: Role): Promise<Invitation> =>
  call("POST", "/api/admin/invitations", { email, team_id, role });

export const setActive = (userId: string, active: boolean): Promise<void> =>
  call(
    "POST",
    `/api/admin/users/${encodeURIComponent(userId)}/${active ? "activate" : "deactivate"}`,
    {},
  );

export const getAdminAuditLog = (): Promise<{ entries: AuditEntry[] }> =>
  call("GET", "/api/admin/audit");

export const invitationInfo = (token: string): Promise<InvitationInfo> =>
  call("POST", "/api/invitation", { token });

export const acceptInvitation = (
  token: string,
  name: string,
  password: string,
): Promise<HalfSignedIn> => call("POST", "/api/invitation/accept", { token, name, password });

// -- the second factor (docs/http.md) -----------------------------------------------------------

export interface TotpSetup {
  secret: string;
  uri: string;
  qr_svg: string;
}

export const newTotp = (): Promise<TotpSetup> => call("POST", "/api/2fa/totp/new", {});

export const confirmTotp = (code: string): Promise<SignedIn> =>
  call("POST", "/api/2fa/totp/confirm", { code });

export const totpSignIn = (code: string): Promise<SignedIn> =>
  call("POST", "/api/2fa/totp", { code });

export const recoverySignIn = (code: string): Promise<SignedIn> =>
  call("POST", "/api/2fa/recovery", { code });

/** WebAuthn options as JSON (binary fields base64url), from the webauthn package. */
export type PasskeyOptions = Record<string, unknown>;

export const passkeyRegisterOptions = (): Promise<PasskeyOptions> =>
  call("POST", "/api/2fa/passkey/register/options", {});

export const passkeyRegister = (credential: unknown): Promise<SignedIn> =>
  call("POST", "/api/2fa/passkey/register", { credential });

export const passkeyOptions = (): Promise<PasskeyOptions> =>
  call("POST", "/api/2fa/passkey/options", {});

export const passkeySignIn = (credential: unknown): Promise<SignedIn> =>
  call("POST", "/api/2fa/passkey", { credential });
