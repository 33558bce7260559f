"""Two Kreds nodes behind HAProxy on one machine, with PostgreSQL and Redis: `make cluster`,
the cluster tests and the benchmark. Debian's servers, run as child processes on loopback in
one directory, never as system services. `python -m server.cluster.local` runs it until
SIGTERM or Ctrl+C.

PostgreSQL refuses to run as root: as root its server runs as `nobody`."""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS = Path("/usr/bin/redis-server")
HAPROXY = Path("/usr/sbin/haproxy")
ROOT = Path(__file__).resolve().parents[2]
MISSING = "not installed (Debian's postgresql, redis-server, haproxy): run `make cluster-packages`"
LEASE_SECONDS = 3.0
"""Short leases on one machine: a killed node's meetings move within about this long."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until(ready: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {timeout:.0f} s")
        time.sleep(0.05)


def _let_nobody_through(directory: Path) -> None:
    """PostgreSQL's user must reach its directory: let others pass (not list) every parent."""
    for parent in directory.resolve().parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


class PostgresServer:
    """One PostgreSQL cluster (`initdb`), trusted on loopback only."""

    def __init__(self, directory: Path | None = None) -> None:
        if not (PG_BIN / "pg_ctl").exists():
            raise RuntimeError(f"PostgreSQL 15 is {MISSING}")
        self.dir = directory or Path(tempfile.mkdtemp(prefix="kreds-pg-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.data = self.dir / "data"
        self.port = free_port()
        self.user = "kreds"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "nobody")
            _let_nobody_through(self.dir)
        if not (self.data / "PG_VERSION").exists():
            self._run(
                [
                    str(PG_BIN / "initdb"),
                    *("-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8"),
                    "--no-sync",
                    "--no-instructions",
                ]
            )
        self.start()

    def _run(self, command: list[str]) -> None:
        as_server = ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command
        done = subprocess.run(
            as_server, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.dir, timeout=60
        )
        if done.returncode != 0:
            raise subprocess.CalledProcessError(
                done.returncode, command, stderr=done.stderr.decode(errors="replace")
            )

    def start(self) -> None:
        options = f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1"
        self._run(
            [
                str(PG_BIN / "pg_ctl"),
                *("-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w"),
                "start",
            ]
        )

    def stop(self, mode: str = "fast") -> None:
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database (or the one of that name already there); its URL."""
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", name):
            raise ValueError(f"not a database name of ours: {name!r}")
        exists = subprocess.run(
            [
                str(PG_BIN / "psql"),
                self.url(),
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if exists.stdout.strip() != "1":
            subprocess.run(
                [str(PG_BIN / "psql"), self.url(), "-q", "-c", f'CREATE DATABASE "{name}"'],
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=30,
            )
        return self.url(name)

    def destroy(self) -> None:
        """Stop it and delete its files."""
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class Child:
    """A server process of ours, its output in a log file."""

    def __init__(self, name: str, command: list[str], log: Path, env: dict[str, str]) -> None:
        self.name = name
        self.command = command
        self.log_path = log
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        if not self.running():
            return
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """kill -9: no drain, no snapshot, no lease let go."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace") if self.log_path.exists() else ""


class Cluster:
    """PostgreSQL, Redis, `nodes` Kreds nodes and HAProxy in front of them."""

    def __init__(self, directory: Path | None = None, nodes: int = 2, port: int = 0) -> None:
        for binary in (REDIS, HAPROXY):
            if not binary.exists():
                raise RuntimeError(f"{binary.name} is {MISSING}")
        self.dir = directory or Path(tempfile.mkdtemp(prefix="kreds-cluster-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.postgres = PostgresServer(self.dir / "postgres")
        self.database_url = self.postgres.create_database("kreds")
        redis_port = free_port()
        self.redis = Child(
            "redis",
            [
                str(REDIS),
                *("--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "no", "--dir", str(self.dir)),
            ],
            self.dir / "redis.log",
            dict(os.environ),
        )
        self.redis_url = f"redis://127.0.0.1:{redis_port}/0"
        secret_file = self.dir / "secret.key"
        if not secret_file.exists():
            secret_file.write_text(secrets.token_hex(32))
            secret_file.chmod(0o600)
        self.secret = secret_file.read_text().strip()
        self.nodes = [self._node(f"node-{chr(ord('a') + n)}") for n in range(nodes)]
        self.haproxy_config = self.dir / "haproxy.cfg"
        self.haproxy = Child(
            "haproxy",
            [str(HAPROXY), "-db", "-f", str(self.haproxy_config)],
            self.dir / "haproxy.log",
            dict(os.environ),
        )

    def _node(self, name: str) -> Child:
        port = free_port()
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith("KREDS_") and k != "PORT"
        }
        env = {
            **inherited,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "KREDS_NODE": name,
            "KREDS_DATA": str(self.dir / name),
            "KREDS_DATABASE_URL": self.database_url,
            "KREDS_REDIS_URL": self.redis_url,
            "KREDS_SECRET": self.secret,
            "KREDS_BASE_URL": self.url,
            "KREDS_LEASE_SECONDS": str(LEASE_SECONDS),
        }
        return Child(
            name, [sys.executable, "-m", "server.cli", "serve"], self.dir / f"{name}.log", env
        )

    @staticmethod
    def node_url(node: Child) -> str:
        return f"http://127.0.0.1:{node.env['PORT']}"

    def write_haproxy_config(self) -> None:
        servers = "\n".join(
            f"    server {node.name} 127.0.0.1:{node.env['PORT']} check" for node in self.nodes
        )
        self.haproxy_config.write_text(HAPROXY_CONFIG.format(port=self.port, servers=servers))

    def start(self) -> None:
        self.redis.start()
        for node in self.nodes:
            self.start_node(node)
        self.write_haproxy_config()
        self.haproxy.start()
        _wait_until(lambda: self._answers(f"{self.url}/readyz"), "HAProxy")

    def start_node(self, node: Child) -> None:
        node.start()
        _wait_until(
            lambda: self._answers(f"{self.node_url(node)}/readyz") or not node.running(),
            node.name,
        )
        if not node.running():
            raise RuntimeError(f"{node.name} exited:\n{node.log()[-3000:]}")

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            return httpx.get(url, timeout=1.0).status_code == 200
        except httpx.TransportError:
            return False

    def stop(self) -> None:
        """The proxy, then the nodes (they drain and snapshot), Redis and PostgreSQL."""
        self.haproxy.stop()
        for node in self.nodes:
            node.stop()
        self.redis.stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            self.postgres.stop()

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


HAPROXY_CONFIG = """\
# Written by server/cluster/local.py. Every request and socket of a meeting goes to one node,
# chosen by a consistent hash of the meeting's id: in the path (/m/ID, /r/ID,
# /api/meetings/ID/...) or the socket's `meeting` query parameter. Requests without one (sign-in,
# joining by link or code) go to any node.
global
    log stderr format short local0 warning
defaults
    mode http
    log global
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    option redispatch
    retries 3
frontend kreds
    bind 127.0.0.1:{port}
    option forwardfor
    http-request deny if {{ path /metrics }}
    http-request set-var(txn.meeting) url_param(meeting)
    http-request set-var(txn.meeting) path,field(3,/) if {{ path_beg /m/ /r/ }}
    http-request set-var(txn.meeting) path,field(4,/) if {{ path_beg /api/meetings/ }}
    default_backend nodes
backend nodes
    balance hash var(txn.meeting)
    hash-type consistent
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
    http-response set-header X-Kreds-Node %[srv_name]
{servers}
"""


def main() -> None:
    directory = Path(os.environ.get("KREDS_CLUSTER_DIR", "var/cluster")).resolve()
    port = int(os.environ.get("PORT", "8080"))
    cluster = Cluster(directory, port=port)
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        cluster.start()
        names = ", ".join(f"{n.name} on {cluster.node_url(n)}" for n in cluster.nodes)
        print(f"Kreds-klyngen kører: åbn {cluster.url}/ ({names}; SIGTERM stopper).", flush=True)
        while not stopping:
            time.sleep(0.2)
    finally:
        cluster.stop()
        print("Kreds-klyngen er stoppet.", flush=True)


if __name__ == "__main__":
    main()
