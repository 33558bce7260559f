"""Numbered schema migrations for PostgreSQL, run at start-up against kreds_schema.version.

The first three are the twins of SQLite's (`migrations.py`); the lists are numbered each on
their own from there. A table or column added to one store is added to the other in the same
change: the contract tests in tests/store run against both."""

MIGRATIONS: list[str] = [
    """
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE sessions (
        token_hash BYTEA PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        link_nonce BYTEA NOT NULL,
        join_hash BYTEA NOT NULL UNIQUE,
        screen_hash BYTEA NOT NULL UNIQUE,
        code_hash BYTEA NOT NULL UNIQUE,
        facilitator_id TEXT NOT NULL
    );
    CREATE INDEX meetings_owner ON meetings(owner, created_at);
    CREATE TABLE participants (
        token_hash BYTEA PRIMARY KEY,
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        UNIQUE (meeting, id)
    );
    CREATE TABLE ops (
        meeting TEXT NOT NULL,
        seq BIGINT NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        actor TEXT NOT NULL,
        client_id TEXT NOT NULL,
        type TEXT NOT NULL,
        changes BYTEA NOT NULL,
        PRIMARY KEY (meeting, seq),
        UNIQUE (meeting, client_id)
    );
    CREATE TABLE snapshots (
        meeting TEXT NOT NULL,
        seq BIGINT NOT NULL,
        state BYTEA NOT NULL,
        PRIMARY KEY (meeting, seq)
    );
    CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at DOUBLE PRECISION NOT NULL,
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
        created_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX cases_owner ON cases(owner, created_at);
    ALTER TABLE meetings ADD COLUMN case_id TEXT REFERENCES cases(id);
    ALTER TABLE meetings ADD COLUMN closed_at DOUBLE PRECISION;
    ALTER TABLE meetings ADD COLUMN next_meeting TEXT;
    ALTER TABLE meetings ADD COLUMN keep_until DOUBLE PRECISION;
    CREATE INDEX meetings_case ON meetings(case_id, created_at);
    CREATE INDEX meetings_closed ON meetings(closed_at);
    """,
    # 3: the audit log a facilitator reads, and sessions that end when idle.
    """
    ALTER TABLE audit ADD COLUMN owner TEXT;
    ALTER TABLE audit ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';
    CREATE INDEX audit_owner ON audit(owner, at);
    CREATE INDEX audit_actor ON audit(actor, at);
    ALTER TABLE sessions ADD COLUMN seen_at DOUBLE PRECISION;
    """,
    # 4: who owns each meeting (PostgreSQL only: SQLite serves one process). A node appends to
    # a meeting only while the lease's epoch is the one it took (see append's fence).
    """
    CREATE TABLE leases (
        meeting TEXT PRIMARY KEY,
        node TEXT NOT NULL,
        epoch BIGINT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX leases_node ON leases(node);
    """,
    # 5: the twin of SQLite's 4: intents that changed nothing are kept for dedupe; nothing of a
    # deleted meeting can be written after it (an op or a kept intent is refused, a snapshot or
    # audit row is dropped); a renewed join link and code derive from a nonce of their own.
    """
    CREATE TABLE quiet_intents (
        meeting TEXT NOT NULL,
        client_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (meeting, client_id)
    );
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
    ALTER TABLE meetings ADD COLUMN join_nonce BYTEA;
    """,
    # 6: SQLite's 5, 6 and 7 (identity): teams and roles, invitations, the second factor
    # (passkeys, authenticator apps, recovery codes, the session's stage and challenge), and
    # accounts of the OpenID provider with the sign-ins under way. An installation from before
    # has one team, and its first account is its admin.
    """
    CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at DOUBLE PRECISION NOT NULL
    );
    ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'facilitator';
    ALTER TABLE users ADD COLUMN team_id TEXT REFERENCES teams(id);
    ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE users ADD COLUMN oidc_subject TEXT;
    CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject)
        WHERE oidc_subject IS NOT NULL;
    ALTER TABLE cases ADD COLUMN team_id TEXT REFERENCES teams(id);
    CREATE INDEX cases_team ON cases(team_id, created_at);
    INSERT INTO teams (id, name, created_at)
        SELECT 'first-team', 'Afdelingen', extract(epoch FROM now())
        WHERE EXISTS (SELECT 1 FROM users);
    UPDATE users SET team_id = 'first-team' WHERE EXISTS (SELECT 1 FROM teams);
    UPDATE users SET role = 'admin'
        WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);
    UPDATE cases SET team_id = (SELECT team_id FROM users WHERE users.id = cases.owner);
    CREATE TABLE invitations (
        token_hash BYTEA PRIMARY KEY,
        email TEXT NOT NULL,
        team_id TEXT NOT NULL REFERENCES teams(id),
        role TEXT NOT NULL,
        invited_by TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL,
        used_at DOUBLE PRECISION
    );
    CREATE INDEX invitations_email ON invitations(email);
    ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
    ALTER TABLE sessions ADD COLUMN challenge BYTEA;
    ALTER TABLE sessions ADD COLUMN id_token TEXT;
    CREATE TABLE totp (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret BYTEA NOT NULL,
        confirmed INTEGER NOT NULL DEFAULT 0,
        last_step BIGINT NOT NULL DEFAULT 0,
        created_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE passkeys (
        id BYTEA PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        public_key BYTEA NOT NULL,
        sign_count BIGINT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        last_used_at DOUBLE PRECISION
    );
    CREATE INDEX passkeys_user ON passkeys(user_id);
    CREATE TABLE recovery_codes (
        code_hash BYTEA PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        used_at DOUBLE PRECISION
    );
    CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
    CREATE TABLE oidc_logins (
        state_hash BYTEA PRIMARY KEY,
        nonce TEXT NOT NULL,
        verifier TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL
    );
    """,
]
