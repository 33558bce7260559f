"""Real PostgreSQL for tests, started from Debian's binaries on loopback in a temp dir.

PostgreSQL refuses to run as root: as root the server runs as `nobody` (its files owned by it)."""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
MISSING = (
    "PostgreSQL 15 is not installed (Debian's postgresql): run `make cluster-packages`"
    " (make test does)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


class PostgresServer:
    """One PostgreSQL cluster (`initdb`), trusted on loopback only, stopped by stop()."""

    def __init__(self) -> None:
        if not (PG_BIN / "pg_ctl").exists():
            raise RuntimeError(MISSING)
        self.dir = Path(tempfile.mkdtemp(prefix="kreds-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.user = "kreds"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "nobody")
        self._run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                self.user,
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ]
        )
        self.start()

    def _run(self, command: list[str]) -> None:
        subprocess.run(
            _as_server_user(command),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.dir,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1"
        self._run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.dir / "log"),
                "-w",
                "start",
            ]
        )

    def stop(self, mode: str = "fast") -> None:
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        subprocess.run(
            [
                str(PG_BIN.parent / "bin" / "psql"),
                self.url(),
                "-q",
                "-c",
                f'CREATE DATABASE "{name}"',
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=30,
        )
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
