"""TLS terminated in front of a plaintext server by stunnel (Debian's `stunnel4`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.certs import Issued


def stunnel_binary() -> str | None:
    return shutil.which("stunnel4") or shutil.which("stunnel")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Stunnel:
    """Accepts TLS on 127.0.0.1:`port` with `server`'s certificate, forwards plaintext to `target`."""

    workdir: Path
    server: Issued
    target: int
    port: int = field(default_factory=free_port)
    protocol: str = ""  # e.g. "pgsql": PostgreSQL's in-protocol SSLRequest before the handshake
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = stunnel_binary()
        assert binary, "stunnel is not installed (apt-get install stunnel4)"
        self.workdir.mkdir(parents=True, exist_ok=True)
        conf = self.workdir / "stunnel.conf"
        conf.write_text(
            "foreground = yes\npid =\ndebug = 4\n"
            f"output = {self.workdir / 'stunnel.log'}\n"
            f"[tls]\naccept = 127.0.0.1:{self.port}\nconnect = 127.0.0.1:{self.target}\n"
            f"cert = {self.server.cert}\nkey = {self.server.key}\n"
            + (f"protocol = {self.protocol}\n" if self.protocol else ""),
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [binary, str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 20
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"stunnel did not start; see {self.workdir / 'stunnel.log'}")
            time.sleep(0.1)

    def _listening(self) -> bool:
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
