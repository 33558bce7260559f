"""The JSON bodies of the HTTP API (docs/http.md): what a POST sends, and what comes back."""

from typing import Any, Literal

import msgspec

from shared_schema.entities import ParticipantRole, Template
from shared_schema.events import ErrorCode, Links
from shared_schema.refusals import RefusalId
from shared_schema.scaling import ScaleKind

AccountRole = Literal["admin", "facilitator"]
"""An admin runs meetings too, and invites and deactivates facilitators."""
SignInStage = Literal["enrol", "second_factor"]
"""Half signed in (the password given): enrol a second factor, or give one."""
SecondFactorMethod = Literal["passkey", "totp", "recovery"]


class Body(msgspec.Struct, forbid_unknown_fields=True):
    """A request body: a field the server does not know is refused, not ignored."""


# -- requests ------------------------------------------------------------------------------------


class SetupBody(Body):
    name: str
    email: str
    password: str
    team: str = "Afdelingen"
    """The first team (afdeling); its first account is the installation's admin."""


class LoginBody(Body):
    email: str
    password: str


class PasswordBody(Body):
    current_password: str
    new_password: str


class DeleteAccountBody(Body):
    """Deleting one's own account asks for the password again."""

    password: str


class NewMeetingBody(Body):
    title: str
    template: Template
    case_id: str | None = None
    """In a case: a follow-up starts with the open agreements of the case's last meeting."""


class CodeBody(Body):
    """A join code, or a second factor's code (an authenticator app's or a recovery code)."""

    code: str


class JoinInfoBody(Body):
    join_token: str


class JoinBody(Body):
    join_token: str
    name: str
    role: ParticipantRole
    relation: str = ""
    remote: bool = False


class NewCaseBody(Body):
    """A new case: its pseudonymous title."""

    title: str


class NewTeamBody(Body):
    """A new team: its name."""

    name: str


class InviteBody(Body):
    email: str
    team_id: str
    role: AccountRole = "facilitator"


class InvitationBody(Body):
    """An invitation's token, from the link the admin passed on."""

    token: str


class AcceptBody(Body):
    token: str
    name: str
    password: str


class CredentialBody(Body):
    """A passkey's answer (WebAuthn JSON, binary fields base64url)."""

    credential: dict[str, Any]


# -- replies -------------------------------------------------------------------------------------


class Refusal(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Every refused request: a stable code, and a message in Danish for a log."""

    code: ErrorCode
    message: str
    say: ErrorCode | RefusalId
    """What the web words the refusal by (docs/languages.md), as an Ack's `message`."""
    params: dict[str, str | int] | None = None


class AccountBase(msgspec.Struct, kw_only=True):
    """A facilitator's or an admin's account, as the API shows it."""

    id: str
    name: str
    email: str
    role: AccountRole
    team_id: str | None


class User(AccountBase, kw_only=True):
    """The account signed in."""

    local: bool
    """Signs in with a password here, not through the municipality's provider."""


class SignInProvider(msgspec.Struct, kw_only=True):
    """The municipality's OpenID provider: its button's text and where it starts."""

    button: str
    start: str


class Session(msgspec.Struct, kw_only=True):
    setup_needed: bool
    user: User | None
    stage: SignInStage | None
    """Half signed in (the password given): the step left, and with what."""
    methods: list[SecondFactorMethod]
    email: str | None
    provider: SignInProvider | None
    """The municipality's OpenID provider, when one is configured."""
    local_passwords: bool
    """False: only the provider signs people in."""


class HalfSignedIn(msgspec.Struct, kw_only=True):
    """The password (or invitation) was right; the second factor is next."""

    user: None
    stage: SignInStage
    methods: list[SecondFactorMethod]


class SignedIn(msgspec.Struct, kw_only=True):
    """Both factors given. A first enrolment brings its one-time recovery codes; an account
    already signed in that enrols another factor gets `user` null (its session stays)."""

    user: User | None
    recovery_codes: list[str]


class SignedOut(msgspec.Struct, kw_only=True):
    """Signed in by the provider: where the browser ends its session there too."""

    logout_url: str


class TotpSetup(msgspec.Struct, kw_only=True):
    secret: str
    uri: str
    qr_svg: str


class Created(msgspec.Struct, kw_only=True):
    id: str


class MeetingSummary(msgspec.Struct, kw_only=True):
    id: str
    title: str
    template: Template
    created_at: float
    case_id: str | None
    closed_at: float | None
    next_meeting: str | None
    """Local time of the next meeting, YYYY-MM-DDTHH:MM, set when the meeting closed."""
    keep_until: float | None


class Meetings(msgspec.Struct, kw_only=True):
    meetings: list[MeetingSummary]


class MeetingLinks(Links, kw_only=True):
    """The join link, code and QR, and the room's screen link (the facilitator's alone)."""

    screen_url: str

    def for_screen(self) -> Links:
        return Links(join_url=self.join_url, join_code=self.join_code, join_qr_svg=self.join_qr_svg)


class MeetingDetail(MeetingSummary, kw_only=True):
    links: MeetingLinks


class Relinked(msgspec.Struct, kw_only=True):
    """A new join link and code; the old ones stop working at once."""

    links: MeetingLinks


class KeptUntil(msgspec.Struct, kw_only=True):
    """A closed meeting's new deletion date."""

    keep_until: float


class JoinToken(msgspec.Struct, kw_only=True):
    join_token: str


class JoinInfo(msgspec.Struct, kw_only=True):
    meeting_id: str
    title: str
    closed: bool
    """A closed meeting says so before a phone asks for anyone's name."""


class Joined(msgspec.Struct, kw_only=True):
    participant_token: str
    participant_id: str
    meeting_id: str


class CaseSummary(msgspec.Struct, kw_only=True):
    id: str
    title: str
    created_at: float


class Cases(msgspec.Struct, kw_only=True):
    cases: list[CaseSummary]


class CaseDetail(CaseSummary, kw_only=True):
    mine: bool
    """False when a colleague in the team opens it (that access is audited)."""
    meetings: list[MeetingSummary]
    retention_days: int
    """Closed meetings are deleted this many days after closing, unless extended."""


class ScalePoint(msgspec.Struct, kw_only=True):
    """One revealed answer round: a meeting's spread (values only, never names) and median."""

    meeting_id: str
    title: str
    at: float
    values: list[int]
    median: float | None
    answered: int


class ScaleHistory(msgspec.Struct, kw_only=True):
    """The same question across a case's meetings, oldest first: the progress the network
    witnesses."""

    key: str
    question: str
    kind: ScaleKind
    low: str
    high: str
    points: list[ScalePoint]


class ScalingHistory(msgspec.Struct, kw_only=True):
    questions: list[ScaleHistory]


class AuditEntry(msgspec.Struct, kw_only=True):
    """One line of an audit log."""

    at: float
    action: str
    who: str
    """Who did it, by name; empty for an unknown person (a failed sign-in) or Kreds itself."""
    meeting_id: str | None
    meeting_title: str | None
    detail: str
    """An address, a name or a count; never note text."""


class AuditLog(msgspec.Struct, kw_only=True):
    entries: list[AuditEntry]


class Team(msgspec.Struct, kw_only=True):
    id: str
    name: str


class Account(AccountBase, kw_only=True):
    """An account on the admin's page."""

    active: bool


class AdminOverview(msgspec.Struct, kw_only=True):
    teams: list[Team]
    accounts: list[Account]


class ExpiringLink(msgspec.Struct, kw_only=True):
    """A link to pass on that stops working at `expires_at`: an invitation (single use), or a
    closed meeting's summary page."""

    url: str
    expires_at: float


class InvitationInfo(msgspec.Struct, kw_only=True):
    """What an invitation is for, while it is usable."""

    email: str
    team: str
    role: AccountRole
    expires_at: float


REQUESTS: list[type[Body]] = [
    SetupBody,
    LoginBody,
    PasswordBody,
    DeleteAccountBody,
    NewMeetingBody,
    CodeBody,
    JoinInfoBody,
    JoinBody,
    NewCaseBody,
    NewTeamBody,
    InviteBody,
    InvitationBody,
    AcceptBody,
    CredentialBody,
]
REPLIES: list[type[msgspec.Struct]] = [
    Refusal,
    Session,
    HalfSignedIn,
    SignedIn,
    SignedOut,
    TotpSetup,
    Created,
    Meetings,
    MeetingDetail,
    Relinked,
    KeptUntil,
    JoinToken,
    JoinInfo,
    Joined,
    Cases,
    CaseDetail,
    ScalingHistory,
    AuditLog,
    Team,
    AdminOverview,
    ExpiringLink,
    InvitationInfo,
]
