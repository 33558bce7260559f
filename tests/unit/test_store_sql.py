"""The SQL both stores share: written with SQLite's `?`, numbered for PostgreSQL; each row's
columns are its Struct's fields."""

from server.store.postgres import numbered
from server.store.protocol import MeetingRow, UserRow
from server.store.rows import insert, params


def test_placeholders_are_numbered_in_order_for_postgresql() -> None:
    assert numbered("UPDATE totp SET last_step = ? WHERE user_id = ? AND last_step < ?") == (
        "UPDATE totp SET last_step = $1 WHERE user_id = $2 AND last_step < $3"
    )
    assert numbered("SELECT 1") == "SELECT 1"
    assert numbered("INSERT INTO leases VALUES ($1, $2)") == "INSERT INTO leases VALUES ($1, $2)"


def test_a_row_is_written_in_its_fields_order_with_flags_as_integers() -> None:
    louise = UserRow(
        id="u-louise",
        email="louise@kommune.dk",
        name="Louise Holm",
        password_hash="scrypt$…",
        created_at=1_780_000_000.0,
        team_id="t-familie",
        active=True,
    )
    assert insert("users", UserRow) == (
        "INSERT INTO users (id, email, name, password_hash, created_at, role, team_id, active,"
        " oidc_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    assert params(louise) == (
        "u-louise",
        "louise@kommune.dk",
        "Louise Holm",
        "scrypt$…",
        1_780_000_000.0,
        "facilitator",
        "t-familie",
        1,
        None,
    )
    assert insert("meetings", MeetingRow).count("?") == len(MeetingRow.__struct_fields__)
