"""A local SMTP server that keeps every message it receives as a `.eml` file (the local stack's inbox)."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.store(envelope)  # small local files: blocking writes are fine for a test mailbox
        return "250 Message accepted"

    def store(self, envelope: Any) -> None:
        name = f"{time.time():.6f}-{uuid.uuid4().hex[:8]}"
        (self.directory / f"{name}.eml").write_bytes(envelope.content)
        msg = message_from_bytes(envelope.content, policy=policy.default)
        line = {
            "file": f"{name}.eml",
            "to": envelope.rcpt_tos,
            "subject": str(msg["subject"]),
            "message_id": str(msg["message-id"]),
        }
        with open(self.directory / "index.jsonl", "a", encoding="utf-8") as index:
            index.write(json.dumps(line, ensure_ascii=False) + "\n")


def read_index(directory: Path) -> list[dict[str, Any]]:
    """Every message the catcher received so far (to, subject, message_id, file)."""
    path = directory / "index.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def serve(directory: Path, host: str = "127.0.0.1", port: int = 1025) -> None:
    """Run until killed."""
    controller = Controller(MaildirHandler(directory), hostname=host, port=port)
    controller.start()
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()
