"""Numbered schema migrations, run at start-up against PRAGMA user_version."""

MIGRATIONS: list[str] = [
    """
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE TABLE sessions (
        token_hash BLOB PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at REAL NOT NULL
    );
    CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at REAL NOT NULL,
        link_nonce BLOB NOT NULL,
        join_hash BLOB NOT NULL UNIQUE,
        screen_hash BLOB NOT NULL UNIQUE,
        code_hash BLOB NOT NULL UNIQUE,
        facilitator_id TEXT NOT NULL
    );
    CREATE INDEX meetings_owner ON meetings(owner, created_at);
    CREATE TABLE participants (
        token_hash BLOB PRIMARY KEY,
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        UNIQUE (meeting, id)
    );
    CREATE TABLE ops (
        meeting TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at REAL NOT NULL,
        actor TEXT NOT NULL,
        client_id TEXT NOT NULL,
        type TEXT NOT NULL,
        changes BLOB NOT NULL,
        PRIMARY KEY (meeting, seq),
        UNIQUE (meeting, client_id)
    ) WITHOUT ROWID;
    CREATE TABLE snapshots (
        meeting TEXT NOT NULL,
        seq INTEGER NOT NULL,
        state BLOB NOT NULL,
        PRIMARY KEY (meeting, seq)
    ) WITHOUT ROWID;
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        meeting TEXT,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX audit_meeting ON audit(meeting, at);
    """,
    # 2: cases group a child's meetings; closed meetings are kept until a retention date.
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX cases_owner ON cases(owner, created_at);
    ALTER TABLE meetings ADD COLUMN case_id TEXT REFERENCES cases(id);
    ALTER TABLE meetings ADD COLUMN closed_at REAL;
    ALTER TABLE meetings ADD COLUMN next_meeting TEXT;
    ALTER TABLE meetings ADD COLUMN keep_until REAL;
    CREATE INDEX meetings_case ON meetings(case_id, created_at);
    CREATE INDEX meetings_closed ON meetings(closed_at);
    """,
    # 3: the audit log a facilitator reads (whose log a row is in, who did it by name), and
    # sessions that end when idle.
    """
    ALTER TABLE audit ADD COLUMN owner TEXT;
    ALTER TABLE audit ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';
    CREATE INDEX audit_owner ON audit(owner, at);
    CREATE INDEX audit_actor ON audit(actor, at);
    ALTER TABLE sessions ADD COLUMN seen_at REAL;
    """,
    # 4: intents that changed nothing are kept for dedupe (under no seq of their own), and
    # nothing of a deleted meeting can be written after it: an op is refused (the Room learns
    # its write failed and acks nothing), a snapshot or audit row is dropped. A renewed join
    # link and code are derived from a nonce of their own (the screen link keeps working).
    """
    CREATE TABLE quiet_intents (
        meeting TEXT NOT NULL,
        client_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (meeting, client_id)
    ) WITHOUT ROWID;
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
    ALTER TABLE meetings ADD COLUMN join_nonce BLOB;
    """,
    # 5: teams (afdelinger) and roles; a case belongs to a team; admins invite facilitators by
    # a single-use link and deactivate them. An installation made before this has one team,
    # and its first account is its admin.
    """
    CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at REAL NOT NULL
    );
    ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'facilitator';
    ALTER TABLE users ADD COLUMN team_id TEXT REFERENCES teams(id);
    ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE cases ADD COLUMN team_id TEXT REFERENCES teams(id);
    CREATE INDEX cases_team ON cases(team_id, created_at);
    INSERT INTO teams (id, name, created_at)
        SELECT 'first-team', 'Afdelingen', unixepoch() WHERE EXISTS (SELECT 1 FROM users);
    UPDATE users SET team_id = 'first-team' WHERE EXISTS (SELECT 1 FROM teams);
    UPDATE users SET role = 'admin'
        WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);
    UPDATE cases SET team_id = (SELECT team_id FROM users WHERE users.id = cases.owner);
    CREATE TABLE invitations (
        token_hash BLOB PRIMARY KEY,
        email TEXT NOT NULL,
        team_id TEXT NOT NULL REFERENCES teams(id),
        role TEXT NOT NULL,
        invited_by TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
    );
    CREATE INDEX invitations_email ON invitations(email);
    """,
    # 6: a second factor for local accounts: passkeys, time-based codes, recovery codes. A
    # session is "full" only after both factors; before that it may only finish signing in
    # ("second_factor") or enrol one ("enrol"), and it holds the WebAuthn challenge it was given.
    """
    ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
    ALTER TABLE sessions ADD COLUMN challenge BLOB;
    CREATE TABLE totp (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret BLOB NOT NULL,
        confirmed INTEGER NOT NULL DEFAULT 0,
        last_step INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL
    );
    CREATE TABLE passkeys (
        id BLOB PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        public_key BLOB NOT NULL,
        sign_count INTEGER NOT NULL,
        created_at REAL NOT NULL,
        last_used_at REAL
    );
    CREATE INDEX passkeys_user ON passkeys(user_id);
    CREATE TABLE recovery_codes (
        code_hash BLOB PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        used_at REAL
    );
    CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
    """,
    # 7: accounts from the municipality's OpenID Connect provider (by its subject), the ID
    # token a session ends at the provider with, and the sign-ins under way (state, nonce and
    # PKCE verifier, used once).
    """
    ALTER TABLE users ADD COLUMN oidc_subject TEXT;
    CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject)
        WHERE oidc_subject IS NOT NULL;
    ALTER TABLE sessions ADD COLUMN id_token TEXT;
    CREATE TABLE oidc_logins (
        state_hash BLOB PRIMARY KEY,
        nonce TEXT NOT NULL,
        verifier TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    """,
]
