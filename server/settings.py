"""Configuration from the environment, read once at start-up."""

import os
import secrets
import socket
from pathlib import Path

import msgspec


class OidcSettings(msgspec.Struct, kw_only=True):
    """The municipality's OpenID Connect provider (docs/operations.md)."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    role_claim: str = "groups"
    """The ID token's claim that lists the person's groups or roles."""
    admin_group: str | None = None
    facilitator_group: str | None = None
    """When set, only members (and admins) may sign in; otherwise everyone the provider lets
    through (from an allowed domain) is a facilitator."""
    team_claim: str | None = None
    """A claim naming the person's team (afdeling), e.g. department; else `team`."""
    team: str = "Afdelingen"
    email_domains: list[str] = msgspec.field(default_factory=list)
    button: str = ""
    """The sign-in button's words, e.g. "Log ind med Aarhus Kommune"."""


class Settings(msgspec.Struct, kw_only=True):
    data_dir: Path
    base_url: str | None = None
    """The public URL behind a reverse proxy; otherwise links use each request's host."""
    origins: list[str] = msgspec.field(default_factory=list)
    """Extra origins allowed to open a socket (the server's own origin always is)."""
    secure_cookies: bool = False
    secret: bytes = b""
    retention_days: int = 30
    """Closed meetings are deleted this many days after closing, unless extended."""
    summary_days: int = 14
    """How long a participant's read-only summary link works."""
    chromium: str = "/usr/bin/chromium"
    """The browser that prints the referat to PDF."""
    oidc: OidcSettings | None = None
    local_passwords: bool = True
    """Off: only the OpenID Connect provider signs people in."""
    database_url: str | None = None
    """PostgreSQL (postgresql://...) instead of the SQLite file in data_dir."""
    redis_url: str | None = None
    """Redis for what crosses nodes (python-socketio's AsyncRedisManager)."""
    node: str = ""
    """This node's name in the meeting leases (several nodes on one PostgreSQL)."""
    lease_seconds: float = 5.0
    """How long a meeting's lease lasts unrenewed: a dead node's meetings move after this."""
    metrics_token: str | None = None
    """When set, GET /metrics wants `Authorization: Bearer <it>`."""

    @property
    def db_path(self) -> Path:
        return self.data_dir / "kreds.sqlite3"

    def public_base(self, scheme: str, host: str) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
        return f"{scheme}://{host}"


def load_secret(data_dir: Path) -> bytes:
    """KREDS_SECRET, or a random key kept in the data directory (made on first start)."""
    given = os.environ.get("KREDS_SECRET")
    if given:
        return given.encode()
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def from_env() -> Settings:
    data_dir = Path(os.environ.get("KREDS_DATA", "var")).resolve()
    base_url = os.environ.get("KREDS_BASE_URL") or None
    return Settings(
        data_dir=data_dir,
        base_url=base_url,
        origins=[o for o in os.environ.get("KREDS_ORIGINS", "").split(",") if o],
        secure_cookies=bool(base_url and base_url.startswith("https://")),
        secret=load_secret(data_dir),
        retention_days=_days("KREDS_RETENTION_DAYS", 30),
        summary_days=_days("KREDS_SUMMARY_DAYS", 14),
        chromium=os.environ.get("KREDS_CHROMIUM", "/usr/bin/chromium"),
        oidc=_oidc(),
        local_passwords=_switch("KREDS_LOCAL_PASSWORDS", True),
        database_url=os.environ.get("KREDS_DATABASE_URL") or None,
        metrics_token=os.environ.get("KREDS_METRICS_TOKEN") or None,
        redis_url=os.environ.get("KREDS_REDIS_URL") or None,
        node=os.environ.get("KREDS_NODE") or f"{socket.gethostname()}-{os.getpid()}",
        lease_seconds=_seconds("KREDS_LEASE_SECONDS", 5.0),
    )


def _oidc() -> OidcSettings | None:
    issuer = os.environ.get("KREDS_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    client_id = os.environ.get("KREDS_OIDC_CLIENT_ID", "").strip()
    secret = os.environ.get("KREDS_OIDC_CLIENT_SECRET", "").strip()
    if not client_id or not secret:
        raise SystemExit(
            "KREDS_OIDC_ISSUER er sat: sæt også KREDS_OIDC_CLIENT_ID og KREDS_OIDC_CLIENT_SECRET."
        )
    domains = os.environ.get("KREDS_OIDC_EMAIL_DOMAINS", "")
    return OidcSettings(
        issuer=issuer.rstrip("/"),
        client_id=client_id,
        client_secret=secret,
        scopes=os.environ.get("KREDS_OIDC_SCOPES", "").strip() or "openid email profile",
        role_claim=os.environ.get("KREDS_OIDC_ROLE_CLAIM", "").strip() or "groups",
        admin_group=os.environ.get("KREDS_OIDC_ADMIN_GROUP", "").strip() or None,
        facilitator_group=os.environ.get("KREDS_OIDC_FACILITATOR_GROUP", "").strip() or None,
        team_claim=os.environ.get("KREDS_OIDC_TEAM_CLAIM", "").strip() or None,
        team=os.environ.get("KREDS_OIDC_TEAM", "").strip() or "Afdelingen",
        email_domains=[d.strip().lower().lstrip("@") for d in domains.split(",") if d.strip()],
        button=os.environ.get("KREDS_OIDC_BUTTON", "").strip(),
    )


def _switch(name: str, default: bool) -> bool:
    given = os.environ.get(name, "").strip().lower()
    if not given:
        return default
    if given not in ("on", "off", "1", "0", "true", "false"):
        raise SystemExit(f"{name} skal være on eller off, ikke {given!r}.")
    return given in ("on", "1", "true")


def _days(name: str, default: int) -> int:
    given = os.environ.get(name, "").strip()
    if not given:
        return default
    if not given.isdigit() or not 1 <= int(given) <= 3650:
        raise SystemExit(f"{name} skal være et helt antal dage mellem 1 og 3650, ikke {given!r}.")
    return int(given)


def _seconds(name: str, default: float) -> float:
    given = os.environ.get(name, "").strip()
    if not given:
        return default
    try:
        value = float(given)
    except ValueError:
        value = 0.0
    if not 1.0 <= value <= 300.0:
        raise SystemExit(f"{name} skal være et antal sekunder mellem 1 og 300, ikke {given!r}.")
    return value
