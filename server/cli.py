"""The `kreds` command: serve, and manage facilitator accounts."""

import argparse
import asyncio
import getpass
import logging
import os
import sys
from pathlib import Path

import uvicorn

from server import settings
from server.app import build
from server.domain import Rejected
from server.identity import teams
from server.services import auth, retention
from server.store import AuditEvent, Role
from server.store import backup as store_backup
from server.store.configured import configured_store
from server.transport.websocket import WebSocketProtocol


def serve(args: argparse.Namespace) -> None:
    app = build(settings.from_env())
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    port = int(args.port or os.environ.get("PORT", "8000"))
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    print(f"Kreds kører nu: åbn http://{shown}:{port}/ i en browser (Ctrl+C stopper).", flush=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        timeout_graceful_shutdown=10,
        ws=WebSocketProtocol,
    )


async def _add_user(email: str, name: str, password: str, team: str | None, admin: bool) -> None:
    config = settings.from_env()
    store = configured_store(config.database_url, config.db_path)
    await store.open()
    try:
        found = await store.teams()
        if team is None and len(found) != 1:
            names = ", ".join(t.name for t in found) or "ingen endnu"
            raise Rejected("invalid", f"Vælg en afdeling med --team (der er: {names}).")
        in_team = found[0] if team is None else await teams.team_named(store, team)
        role: Role = "admin" if admin else "facilitator"
        user = await auth.create_user(store, email, name, password, role=role, team_id=in_team.id)
        shown = "Administrator" if admin else "Mødeleder"
        print(f"{shown} oprettet: {user.name} <{user.email}> i {in_team.name}")
    finally:
        await store.close()


def user_add(args: argparse.Namespace) -> None:
    password = os.environ.get("KREDS_PASSWORD") or getpass.getpass("Adgangskode: ")
    try:
        asyncio.run(_add_user(args.email, args.name, password, args.team, args.admin))
    except Rejected as rejected:
        sys.exit(f"Fejl: {rejected.message}")


async def _reset_2fa(email: str) -> None:
    config = settings.from_env()
    store = configured_store(config.database_url, config.db_path)
    await store.open()
    try:
        user = await store.user_by_email(email.strip().lower())
        if user is None:
            raise Rejected("not_found", f"Der er ingen konto med e-mailen {email}.")
        await store.reset_second_factor(user.id)
        await store.audit(
            AuditEvent(actor="operator", action="user.reset_2fa", detail=user.email, owner=user.id)
        )
        print(
            f"Anden faktor nulstillet for {user.name} <{user.email}>: alle sessioner er slut, og"
            " næste login opretter en ny nøgle eller kode-app."
        )
    finally:
        await store.close()


def user_reset_2fa(args: argparse.Namespace) -> None:
    try:
        asyncio.run(_reset_2fa(args.email))
    except Rejected as rejected:
        sys.exit(f"Fejl: {rejected.message}")


async def _purge() -> None:
    config = settings.from_env()
    store = configured_store(config.database_url, config.db_path)
    await store.open()
    try:
        gone = await retention.purge(store, config.retention_days)
        print(f"Slettede {gone} afsluttede møder ældre end {config.retention_days} dage.")
    finally:
        await store.close()


def purge(args: argparse.Namespace) -> None:
    asyncio.run(_purge())


def _sqlite_only(command: str) -> settings.Settings:
    config = settings.from_env()
    if config.database_url:
        sys.exit(
            f"`kreds {command}` gælder SQLite-databasen. Med KREDS_DATABASE_URL (PostgreSQL):"
            " brug pg_dump / pg_restore, se docs/operations.md."
        )
    return config


def backup_command(args: argparse.Namespace) -> None:
    config = _sqlite_only("backup")
    try:
        store_backup.backup(config.db_path, Path(args.file))
    except store_backup.BackupError as error:
        sys.exit(f"Fejl: {error}")
    print(
        f"Sikkerhedskopi skrevet: {args.file}. Gem nøglen ({config.data_dir}/secret.key) med den."
    )


def restore_command(args: argparse.Namespace) -> None:
    config = _sqlite_only("restore")
    try:
        store_backup.restore(Path(args.file), config.db_path)
    except store_backup.BackupError as error:
        sys.exit(f"Fejl: {error}")
    print(f"Databasen i {config.db_path} er nu kopien fra {args.file}.")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    parser = argparse.ArgumentParser(prog="kreds", description="Kreds: netværksmøder i realtid")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="start the server")
    run.add_argument("--host")
    run.add_argument("--port")
    run.set_defaults(func=serve)
    user = commands.add_parser("user", help="facilitator accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser(
        "add", help="add a facilitator (password from KREDS_PASSWORD or asked)"
    )
    add.add_argument("email")
    add.add_argument("name")
    add.add_argument(
        "--team", help="the team (afdeling); made if new; needed when there are several"
    )
    add.add_argument("--admin", action="store_true", help="an admin, who invites and deactivates")
    add.set_defaults(func=user_add)
    reset = user_commands.add_parser(
        "reset-2fa",
        help="remove a user's passkeys, app codes and recovery codes; they enrol anew",
    )
    reset.add_argument("email")
    reset.set_defaults(func=user_reset_2fa)
    cleanup = commands.add_parser(
        "purge", help="delete closed meetings older than KREDS_RETENTION_DAYS (default 30)"
    )
    cleanup.set_defaults(func=purge)
    save = commands.add_parser(
        "backup", help="a consistent copy of the SQLite database, also while the server runs"
    )
    save.add_argument("file", help="where the copy goes (must not exist)")
    save.set_defaults(func=backup_command)
    load = commands.add_parser(
        "restore", help="replace the SQLite database by a backup (stop the server first)"
    )
    load.add_argument("file", help="a file `kreds backup` wrote")
    load.set_defaults(func=restore_command)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
