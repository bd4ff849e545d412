"""A throwaway PostgreSQL server for tests and benchmarks: its own folder, its own port, gone after.

Why a server of our own rather than the machine's: a test must neither depend on nor harm a server
someone runs, each run starts clean, and durability is what we configure (`fsync` and
`synchronous_commit` on, as an analyst's server has them, so that commit timings in benchmarks
mean something).

How: `initdb` in a new temporary folder, the server listening on a free port on 127.0.0.1 only
(its Unix socket inside the data folder, never /var/run/postgresql), trust authentication, started
with `pg_ctl -w` and stopped with `pg_ctl stop -m fast`, the folder removed. PostgreSQL refuses to
run as root, so as root the folder belongs to the `postgres` system user (Debian's package makes
it) and the server tools run as that user through `runuser`; as anyone else they run as is.

A watchdog process stops the server and removes the folder if the process that started it dies
without stopping it (SIGKILL, a crashed test worker), so no server is ever left behind.

Every database made here has the `unaccent` extension (created in template1), which full-text
search with accents folded needs; on Debian it ships in the postgresql-15 package itself.

Usage:

    server = PostgresServer.start()
    name = server.create_database()
    with psycopg.connect(server.url(name)) as connection: ...
    server.stop()
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from tests.tools.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
SERVER_USER = "postgres"
"""The system user the server runs as when we are root."""
SUPERUSER = "postgres"
"""The database superuser `initdb` makes; every URL names it (trust authentication: no password)."""
INSTALL_HINT = (
    "install PostgreSQL's server: `apt-get install postgresql` on Debian (PostgreSQL 15), "
    "or run `make test` as root, which installs it"
)
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "on",
    "synchronous_commit": "on",
    "full_page_writes": "on",
    "max_connections": "100",
    "timezone": "'UTC'",
    "log_timezone": "'UTC'",
}
"""postgresql.conf lines beyond initdb's; the socket directory and the port are added per server."""
BIN_ENV = "BRIEF_TEST_PG_BIN"
"""Names the folder of the server binaries where they are neither on the PATH nor where Debian puts them."""
TIMEOUT = 120
"""Seconds any server tool may take: generous, for a loaded 2-core machine."""


class PostgresMissing(RuntimeError):
    """The server binaries (or what they need) are not on this machine; the message says what to install."""


def server_binaries() -> Path:
    """The folder holding initdb, pg_ctl and postgres: $BRIEF_TEST_PG_BIN if set (a machine that
    keeps them elsewhere), else on the PATH, else Debian's newest /usr/lib/postgresql/<version>/bin.
    A machine may have the psql client without any of them."""
    if chosen := os.environ.get(BIN_ENV):
        if not all((Path(chosen) / tool).exists() for tool in ("initdb", "pg_ctl")):
            raise PostgresMissing(f"${BIN_ENV} is {chosen}, which has no initdb and pg_ctl: {INSTALL_HINT}")
        return Path(chosen)
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    found = [path.parent for path in Path("/usr/lib/postgresql").glob("*/bin/initdb") if (path.parent / "pg_ctl").exists()]
    if not found:
        raise PostgresMissing(f"PostgreSQL's server binaries (initdb, pg_ctl) were not found: {INSTALL_HINT}")
    return max(found, key=lambda folder: [int(part) for part in re.findall(r"\d+", folder.parent.name)] or [0])


def _server_account() -> pwd.struct_passwd | None:
    """The account the server runs as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresMissing(
            f"running as root, the server must run as the `{SERVER_USER}` system user, which does not exist: "
            f"{INSTALL_HINT} (the package creates that user)"
        ) from None


def _run_tool(bin_dir: Path, folder: Path, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a server tool as the server's user, in its folder (our own working folder may be one the
    `postgres` user cannot enter)."""
    command = [str(bin_dir / tool), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text(encoding="utf-8").split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def process_alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _shut_down(bin_dir: Path, folder: Path, mode: str) -> None:
    """Stop the server in `folder` (if it runs) and remove the folder; a server that does not
    stop in time is killed (its backends notice the postmaster's death and exit)."""
    data = folder / "data"
    pid = _postmaster_pid(data)
    if pid is not None and process_alive(pid):
        try:
            _run_tool(bin_dir, folder, "pg_ctl", "-D", str(data), "-m", mode, "-w", "-t", "60", "stop")
        except subprocess.TimeoutExpired:
            pass
        if process_alive(pid):
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while process_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
    shutil.rmtree(folder, ignore_errors=True)


@dataclass
class PostgresServer:
    """One running server. `port` is 0 until it has started."""

    bin_dir: Path
    folder: Path
    port: int = 0
    _watchdog: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @classmethod
    def start(cls) -> PostgresServer:
        """initdb, configure and start a new server; raises PostgresMissing with what to install
        when the binaries are not here, RuntimeError with the server's own words when it fails."""
        bin_dir = server_binaries()
        account = _server_account()
        server = cls(bin_dir=bin_dir, folder=Path(tempfile.mkdtemp(prefix="brief-pg-")))
        try:
            if account is not None:
                os.chown(server.folder, account.pw_uid, account.pw_gid)
            server._start_watchdog()
            server._initdb()
            server._launch(retries=5)
            server._prepare_template()
        except BaseException:
            server.stop()
            raise
        return server

    def url(self, database: str = "postgres") -> str:
        """`postgresql://postgres@127.0.0.1:PORT/DATABASE`."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        """An autocommit connection, for administration."""
        return psycopg.connect(self.url(database), autocommit=True, connect_timeout=10)

    def create_database(self, name: str | None = None) -> str:
        """A new empty database (with unaccent); returns its name."""
        name = name or f"brief_{secrets.token_hex(6)}"
        with self.connect() as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still open on it."""
        with self.connect() as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def drop_connections(self, database: str) -> int:
        """End every other session on `database`, as a network fault would; returns how many."""
        with self.connect() as connection:
            rows = connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            ).fetchall()
        return len(rows)

    def halt(self, mode: str = "fast") -> None:
        """Stop the server but keep its data and port, to test what clients do while it is gone
        ("fast" rolls back open transactions, "immediate" is a crash)."""
        result = _run_tool(self.bin_dir, self.folder, "pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        if result.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {result.stderr.strip()}")

    def resume(self) -> None:
        """Start a halted server again, on the same port."""
        self._launch(retries=0)

    def running(self) -> bool:
        pid = _postmaster_pid(self.data)
        return pid is not None and process_alive(pid)

    def stop(self) -> None:
        """Stop the server for good and remove its folder. Safe to call twice."""
        if self._watchdog is not None:
            self._watchdog.terminate()
            self._watchdog.wait(timeout=10)
            self._watchdog = None
        _shut_down(self.bin_dir, self.folder, "fast")

    def _start_watchdog(self) -> None:
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self._watchdog = subprocess.Popen(
            [sys.executable, "-m", "tests.tools.postgres", "watch", str(os.getpid()), str(self.folder), str(self.bin_dir)],
            env=environment,
            start_new_session=True,  # a Ctrl+C aimed at the tests does not end it before its work
            stdin=subprocess.DEVNULL,
        )

    def _initdb(self) -> None:
        result = _run_tool(
            self.bin_dir, self.folder, "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed in {self.folder}: {result.stderr.strip()}")
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.data}'"}
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# tests/tools/postgres.py\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _launch(self, retries: int) -> None:
        """pg_ctl start -w on this server's port, or on a new free one (another worker may take a
        free port before the server binds it: then try another, `retries` times)."""
        for attempt in range(retries + 1):
            port = self.port if retries == 0 else free_port()
            logged = self.log.stat().st_size if self.log.exists() else 0
            result = _run_tool(
                self.bin_dir, self.folder, "pg_ctl", "-D", str(self.data), "-l", str(self.log),
                "-w", "-t", str(TIMEOUT), "-o", f"-p {port}", "start",
            )  # fmt: skip
            if result.returncode == 0:
                self.port = port
                return
            said = self.log.read_text(encoding="utf-8", errors="replace")[logged:] if self.log.exists() else ""
            if "could not bind" not in said or attempt == retries:
                raise RuntimeError(f"the PostgreSQL server did not start: {result.stderr.strip()}\n{said.strip()}")

    def _prepare_template(self) -> None:
        """unaccent in template1, so that every database created after has it."""
        try:
            with self.connect("template1") as connection:
                connection.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except psycopg.Error as error:
            raise PostgresMissing(
                f"PostgreSQL's unaccent extension is not available ({str(error).strip()}): install the server's "
                "contrib modules (on Debian they come with the postgresql package)"
            ) from error


def watch(parent: int, folder: Path, bin_dir: Path) -> None:
    """Wait while the process that started the server lives and the folder exists; if that
    process went away first, stop the server ("immediate": nothing to keep) and remove the folder."""
    while os.getppid() == parent and folder.exists():
        time.sleep(0.2)
    if folder.exists():
        _shut_down(bin_dir, folder, "immediate")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "watch":
        watch(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit("usage: python -m tests.tools.postgres watch PARENT_PID FOLDER BIN_DIR")
