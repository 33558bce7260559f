/** The HTTP API (docs/http.md): sign-in, meetings, joining. JSON in, JSON out, errors by code. */
import {
  ERROR_CODES,
  type AcceptBody,
  type AccountRole,
  type AdminOverview,
  type AuditLog,
  type CaseDetail,
  type Cases,
  type CodeBody,
  type Created,
  type DeleteAccountBody,
  type ErrorCode,
  type HalfSignedIn,
  type ExpiringLink,
  type InvitationBody,
  type InvitationInfo,
  type InviteBody,
  type JoinBody,
  type Joined,
  type JoinInfo,
  type JoinInfoBody,
  type JoinToken,
  type KeptUntil,
  type LoginBody,
  type MeetingDetail,
  type Meetings,
  type NewCaseBody,
  type NewMeetingBody,
  type NewTeamBody,
  type PasswordBody,
  type Relinked,
  type ScalingHistory,
  type Session,
  type SetupBody,
  type SignedIn,
  type SignedOut,
  type Team,
  type Template,
  type TotpSetup,
} from "../schema.gen";

// The bodies are shared_schema/http.py's Structs, generated into schema.gen.ts; the names the
// rest of the client knows them by:
export type {
  Account,
  AccountRole as Role,
  AdminOverview,
  AuditEntry,
  CaseDetail,
  CaseSummary,
  HalfSignedIn,
  ExpiringLink as Invitation,
  InvitationInfo,
  Joined,
  MeetingDetail,
  MeetingSummary,
  ScaleHistory,
  ScalePoint,
  SecondFactorMethod as Method,
  Session,
  SignedIn,
  SignInStage as Stage,
  Team,
  TotpSetup,
  User,
} from "../schema.gen";

/** A refusal from the server (its `code`, and what it says: `say` and its `params`), or
 * "network" when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network" | "unknown",
    readonly status: number,
    readonly say: string | null = null,
    readonly params: Readonly<Record<string, string | number>> | null = null,
  ) {
    super(code);
  }
}

function refusalOf(data: unknown): { say: string | null; params: Record<string, string | number> | null } {
  if (typeof data !== "object" || data === null) return { say: null, params: null };
  const say = "say" in data && typeof data.say === "string" ? data.say : null;
  const given = "params" in data ? data.params : null;
  const params: Record<string, string | number> = {};
  if (typeof given === "object" && given !== null) {
    for (const [name, value] of Object.entries(given)) {
      if (typeof value === "string" || typeof value === "number") params[name] = value;
    }
  }
  return { say, params };
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
    const { say, params } = refusalOf(data);
    throw new ApiError(CODES.has(code) ? (code as ErrorCode) : "unknown", response.status, say, params);
  }
  return data as T;
}

export const getSession = (): Promise<Session> => call("GET", "/api/session");

export const setup = (name: string, email: string, password: string): Promise<HalfSignedIn> =>
  call("POST", "/api/setup", { name, email, password } satisfies SetupBody);

export const login = (email: string, password: string): Promise<HalfSignedIn> =>
  call("POST", "/api/login", { email, password } satisfies LoginBody);

/** Signed in by the provider: where the browser ends its session there too. */
export const logout = (): Promise<SignedOut | undefined> => call("POST", "/api/logout", {});

export const listMeetings = (): Promise<Meetings> => call("GET", "/api/meetings");

export const createMeeting = (
  title: string,
  template: Template,
  caseId: string | null = null,
): Promise<Created> =>
  call("POST", "/api/meetings", { title, template, case_id: caseId } satisfies NewMeetingBody);

export const extendMeeting = (id: string): Promise<KeptUntil> =>
  call("POST", `/api/meetings/${encodeURIComponent(id)}/extend`, {});

export const listCases = (): Promise<Cases> => call("GET", "/api/cases");

export const createCase = (title: string): Promise<Created> =>
  call("POST", "/api/cases", { title } satisfies NewCaseBody);

export const getCase = (id: string): Promise<CaseDetail> =>
  call("GET", `/api/cases/${encodeURIComponent(id)}`);

export const getCaseScaling = (id: string): Promise<ScalingHistory> =>
  call("GET", `/api/cases/${encodeURIComponent(id)}/scaling`);

export const deleteCase = (id: string): Promise<void> =>
  call("POST", `/api/cases/${encodeURIComponent(id)}/delete`, {});

export const getMeeting = (id: string): Promise<MeetingDetail> =>
  call("GET", `/api/meetings/${encodeURIComponent(id)}`);

/** A new join link and code; the old ones stop working at once. */
export const renewJoin = (id: string): Promise<Relinked> =>
  call("POST", `/api/meetings/${encodeURIComponent(id)}/renew-join`, {});

export const joinByCode = (code: string): Promise<JoinToken> =>
  call("POST", "/api/join/code", { code } satisfies CodeBody);

export const joinInfo = (joinToken: string): Promise<JoinInfo> =>
  call("POST", "/api/join/info", { join_token: joinToken } satisfies JoinInfoBody);

/** `meetingId` (from joinInfo) lets a proxy in front of several nodes route the join to the
 * node that serves the meeting; the server reads only the body. */
export const join = (body: JoinBody, meetingId: string): Promise<Joined> =>
  call("POST", `/api/join?meeting=${encodeURIComponent(meetingId)}`, body);

export const getAuditLog = (): Promise<AuditLog> => call("GET", "/api/audit");

export const deleteMeeting = (id: string): Promise<void> =>
  call("POST", `/api/meetings/${encodeURIComponent(id)}/delete`, {});

export const changePassword = (current_password: string, new_password: string): Promise<void> =>
  call("POST", "/api/account/password", { current_password, new_password } satisfies PasswordBody);

export const deleteAccount = (password: string): Promise<void> =>
  call("POST", "/api/account/delete", { password } satisfies DeleteAccountBody);

// -- the admin's page (docs/http.md) ------------------------------------------------------------

export const getAdmin = (): Promise<AdminOverview> => call("GET", "/api/admin");

export const createTeam = (name: string): Promise<Team> =>
  call("POST", "/api/admin/teams", { name } satisfies NewTeamBody);

export const invite = (email: string, team_id: string, role: AccountRole): Promise<ExpiringLink> =>
  call("POST", "/api/admin/invitations", { email, team_id, role } satisfies InviteBody);

export const setActive = (userId: string, active: boolean): Promise<void> =>
  call(
    "POST",
    `/api/admin/users/${encodeURIComponent(userId)}/${active ? "activate" : "deactivate"}`,
    {},
  );

export const getAdminAuditLog = (): Promise<AuditLog> => call("GET", "/api/admin/audit");

export const invitationInfo = (token: string): Promise<InvitationInfo> =>
  call("POST", "/api/invitation", { token } satisfies InvitationBody);

export const acceptInvitation = (
  token: string,
  name: string,
  password: string,
): Promise<HalfSignedIn> =>
  call("POST", "/api/invitation/accept", { token, name, password } satisfies AcceptBody);

// -- the second factor (docs/http.md) -----------------------------------------------------------

export const newTotp = (): Promise<TotpSetup> => call("POST", "/api/2fa/totp/new", {});

export const confirmTotp = (code: string): Promise<SignedIn> =>
  call("POST", "/api/2fa/totp/confirm", { code } satisfies CodeBody);

export const totpSignIn = (code: string): Promise<SignedIn> =>
  call("POST", "/api/2fa/totp", { code } satisfies CodeBody);

export const recoverySignIn = (code: string): Promise<SignedIn> =>
  call("POST", "/api/2fa/recovery", { code } satisfies CodeBody);

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
