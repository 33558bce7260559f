"""The schema's numbered migrations, one history for both stores: SQLite runs its list against
PRAGMA user_version, PostgreSQL its own against kreds_schema.version.

A step both stores take is written once, its column types left to the dialect. A table or
column added to one store is added to the other in the same change: the contract tests in
tests/store run against both. The two part where the dialects do: SQLite keeps a deleted
meeting's writes out with triggers, PostgreSQL with constraints and a function, and only
PostgreSQL has leases (SQLite serves one process). PostgreSQL took the three identity steps as
one, so from the fourth step on the lists are numbered each on its own."""

SQLITE_TYPES = {
    "real": "REAL",
    "bytes": "BLOB",
    "bigint": "INTEGER",
    "serial": "INTEGER PRIMARY KEY",
    "without_rowid": " WITHOUT ROWID",
    "now": "unixepoch()",
}
POSTGRES_TYPES = {
    "real": "DOUBLE PRECISION",
    "bytes": "BYTEA",
    "bigint": "BIGINT",
    "serial": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    "without_rowid": "",
    "now": "extract(epoch FROM now())",
}

FIRST = """
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at {real} NOT NULL
    );
    CREATE TABLE sessions (
        token_hash {bytes} PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at {real} NOT NULL
    );
    CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at {real} NOT NULL,
        link_nonce {bytes} NOT NULL,
        join_hash {bytes} NOT NULL UNIQUE,
        screen_hash {bytes} NOT NULL UNIQUE,
        code_hash {bytes} NOT NULL UNIQUE,
        facilitator_id TEXT NOT NULL
    );
    CREATE INDEX meetings_owner ON meetings(owner, created_at);
    CREATE TABLE participants (
        token_hash {bytes} PRIMARY KEY,
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        UNIQUE (meeting, id)
    );
    CREATE TABLE ops (
        meeting TEXT NOT NULL,
        seq {bigint} NOT NULL,
        at {real} NOT NULL,
        actor TEXT NOT NULL,
        client_id TEXT NOT NULL,
        type TEXT NOT NULL,
        changes {bytes} NOT NULL,
        PRIMARY KEY (meeting, seq),
        UNIQUE (meeting, client_id)
    ){without_rowid};
    CREATE TABLE snapshots (
        meeting TEXT NOT NULL,
        seq {bigint} NOT NULL,
        state {bytes} NOT NULL,
        PRIMARY KEY (meeting, seq)
    ){without_rowid};
    CREATE TABLE audit (
        id {serial},
        at {real} NOT NULL,
        meeting TEXT,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX audit_meeting ON audit(meeting, at);
    """

# Cases group a child's meetings; closed meetings are kept until a retention date.
CASES = """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        created_at {real} NOT NULL
    );
    CREATE INDEX cases_owner ON cases(owner, created_at);
    ALTER TABLE meetings ADD COLUMN case_id TEXT REFERENCES cases(id);
    ALTER TABLE meetings ADD COLUMN closed_at {real};
    ALTER TABLE meetings ADD COLUMN next_meeting TEXT;
    ALTER TABLE meetings ADD COLUMN keep_until {real};
    CREATE INDEX meetings_case ON meetings(case_id, created_at);
    CREATE INDEX meetings_closed ON meetings(closed_at);
    """

# The audit log a facilitator reads (whose log a row is in, who did it by name), and sessions
# that end when idle.
AUDIT = """
    ALTER TABLE audit ADD COLUMN owner TEXT;
    ALTER TABLE audit ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';
    CREATE INDEX audit_owner ON audit(owner, at);
    CREATE INDEX audit_actor ON audit(actor, at);
    ALTER TABLE sessions ADD COLUMN seen_at {real};
    """

# Intents that changed nothing are kept for dedupe (under no seq of their own), and nothing of
# a deleted meeting can be written after it: an op or a kept intent is refused (the Room learns
# its write failed and acks nothing), a snapshot or audit row is dropped. A renewed join link
# and code are derived from a nonce of their own (the screen link keeps working).
QUIET_INTENTS = """
    CREATE TABLE quiet_intents (
        meeting TEXT NOT NULL,
        client_id TEXT NOT NULL,
        seq {bigint} NOT NULL,
        PRIMARY KEY (meeting, client_id)
    ){without_rowid};
"""
SQLITE_DELETED = """
    CREATE TRIGGER ops_need_meeting BEFORE INSERT ON ops
    WHEN NOT EXISTS (SELECT 1 FROM meetings WHERE id = NEW.meeting)
    BEGIN SELECT RAISE(ABORT, 'the meeting is deleted'); END;
    CREATE TRIGGER quiet_intents_need_meeting BEFORE INSERT ON quiet_intents
    WHEN NOT EXISTS (SELECT 1 FROM meetings WHERE id = NEW.meeting)
    BEGIN SELECT RAISE(ABORT, 'the meeting is deleted'); END;
    CREATE TRIGGER snapshots_need_meeting BEFORE INSERT ON snapshots
    WHEN NOT EXISTS (SELECT 1 FROM meetings WHERE id = NEW.meeting)
    BEGIN SELECT RAISE(IGNORE); END;
    CREATE TRIGGER audit_needs_meeting BEFORE INSERT ON audit
    WHEN NEW.meeting IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meetings WHERE id = NEW.meeting)
    BEGIN SELECT RAISE(IGNORE); END;
"""
POSTGRES_DELETED = """
    ALTER TABLE ops ADD CONSTRAINT ops_need_meeting
        FOREIGN KEY (meeting) REFERENCES meetings(id) ON DELETE CASCADE NOT VALID;
    ALTER TABLE quiet_intents ADD CONSTRAINT quiet_intents_need_meeting
        FOREIGN KEY (meeting) REFERENCES meetings(id) ON DELETE CASCADE;
    CREATE FUNCTION kreds_drop_without_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.meeting IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM meetings WHERE id = NEW.meeting) THEN
            RETURN NULL;
        END IF;
        RETURN NEW;
    END
    $$;
    CREATE TRIGGER snapshots_need_meeting BEFORE INSERT ON snapshots
        FOR EACH ROW EXECUTE FUNCTION kreds_drop_without_meeting();
    CREATE TRIGGER audit_needs_meeting BEFORE INSERT ON audit
        FOR EACH ROW EXECUTE FUNCTION kreds_drop_without_meeting();
"""
JOIN_NONCE = """
    ALTER TABLE meetings ADD COLUMN join_nonce {bytes};
"""

# Who serves each meeting, PostgreSQL only. A node appends to a meeting only while the lease's
# epoch is the one it took (see append's fence).
LEASES = """
    CREATE TABLE leases (
        meeting TEXT PRIMARY KEY,
        node TEXT NOT NULL,
        epoch BIGINT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX leases_node ON leases(node);
"""

# Teams (afdelinger) and roles; a case belongs to a team; admins invite facilitators by a
# single-use link and deactivate them. An installation made before this has one team, and its
# first account is its admin.
TEAMS = """
    CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at {real} NOT NULL
    );
    ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'facilitator';
    ALTER TABLE users ADD COLUMN team_id TEXT REFERENCES teams(id);
    ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE cases ADD COLUMN team_id TEXT REFERENCES teams(id);
    CREATE INDEX cases_team ON cases(team_id, created_at);
    INSERT INTO teams (id, name, created_at)
        SELECT 'first-team', 'Afdelingen', {now} WHERE EXISTS (SELECT 1 FROM users);
    UPDATE users SET team_id = 'first-team' WHERE EXISTS (SELECT 1 FROM teams);
    UPDATE users SET role = 'admin'
        WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);
    UPDATE cases SET team_id = (SELECT team_id FROM users WHERE users.id = cases.owner);
    CREATE TABLE invitations (
        token_hash {bytes} PRIMARY KEY,
        email TEXT NOT NULL,
        team_id TEXT NOT NULL REFERENCES teams(id),
        role TEXT NOT NULL,
        invited_by TEXT NOT NULL,
        created_at {real} NOT NULL,
        expires_at {real} NOT NULL,
        used_at {real}
    );
    CREATE INDEX invitations_email ON invitations(email);
    """

# A second factor for local accounts: passkeys, time-based codes, recovery codes. A session is
# "full" only after both factors; before that it may only finish signing in ("second_factor")
# or enrol one ("enrol"), and it holds the WebAuthn challenge it was given.
SECOND_FACTOR = """
    ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
    ALTER TABLE sessions ADD COLUMN challenge {bytes};
    CREATE TABLE totp (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret {bytes} NOT NULL,
        confirmed INTEGER NOT NULL DEFAULT 0,
        last_step {bigint} NOT NULL DEFAULT 0,
        created_at {real} NOT NULL
    );
    CREATE TABLE passkeys (
        id {bytes} PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        public_key {bytes} NOT NULL,
        sign_count {bigint} NOT NULL,
        created_at {real} NOT NULL,
        last_used_at {real}
    );
    CREATE INDEX passkeys_user ON passkeys(user_id);
    CREATE TABLE recovery_codes (
        code_hash {bytes} PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        used_at {real}
    );
    CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
    """

# Accounts from the municipality's OpenID Connect provider (by its subject), the ID token a
# session ends at the provider with, and the sign-ins under way (state, nonce and PKCE
# verifier, used once).
OIDC = """
    ALTER TABLE users ADD COLUMN oidc_subject TEXT;
    CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject)
        WHERE oidc_subject IS NOT NULL;
    ALTER TABLE sessions ADD COLUMN id_token TEXT;
    CREATE TABLE oidc_logins (
        state_hash {bytes} PRIMARY KEY,
        nonce TEXT NOT NULL,
        verifier TEXT NOT NULL,
        created_at {real} NOT NULL
    );
    """


def _typed(steps: list[str], types: dict[str, str]) -> list[str]:
    return [step.format_map(types) for step in steps]


SQLITE_MIGRATIONS: list[str] = _typed(
    [
        FIRST,
        CASES,
        AUDIT,
        QUIET_INTENTS + SQLITE_DELETED + JOIN_NONCE,
        TEAMS,
        SECOND_FACTOR,
        OIDC,
    ],
    SQLITE_TYPES,
)
POSTGRES_MIGRATIONS: list[str] = [
    *_typed([FIRST, CASES, AUDIT], POSTGRES_TYPES),
    LEASES,
    *_typed(
        [QUIET_INTENTS + POSTGRES_DELETED + JOIN_NONCE, TEAMS + SECOND_FACTOR + OIDC],
        POSTGRES_TYPES,
    ),
]
