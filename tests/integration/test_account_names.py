"""An account's name passes the CPR guard like every text a person types: at sign-up over
HTTP, and in `kreds user add`."""

import asyncio
import sys

from .kit import PASSWORD, ROOT, Server, get, post


async def test_sign_up_with_a_cpr_number_in_the_name_is_refused_and_creates_nothing(
    fresh_server: Server,
) -> None:
    for name, email in [
        ("Louise 010190-1234", "louise@kommune.example"),
        ("Louise ０１０１９０ １２３４", "louise@kommune.example"),
        ("Louise", "0101901234@kommune.example"),
    ]:
        body = {"name": name, "email": email, "password": PASSWORD}
        answer = await post(fresh_server, "/api/setup", body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "cpr_detected"
    session = await get(fresh_server, "/api/session")
    assert session.json()["setup_needed"] is True
    kept = await post(
        fresh_server,
        "/api/setup",
        {"name": "Louise Holm", "email": "louise@kommune.example", "password": PASSWORD},
    )
    assert kept.status_code == 201, kept.text


async def test_kreds_user_add_refuses_a_cpr_number_in_the_name(fresh_server: Server) -> None:
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        "user",
        "add",
        "mads@kommune.example",
        "Mads 150317–1234",
        "--team",
        "Børn og unge",
        cwd=ROOT,
        env={**fresh_server.env(), "KREDS_PASSWORD": PASSWORD},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await command.communicate()
    assert command.returncode != 0
    assert "CPR" in output.decode()
    assert "Traceback" not in output.decode()
    login = await post(
        fresh_server, "/api/login", {"email": "mads@kommune.example", "password": PASSWORD}
    )
    assert login.status_code == 401
