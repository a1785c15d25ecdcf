"""Email over real SMTP (aiosmtplib)."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

import aiosmtplib

from services.notify.domain.model import Email


def build_message(email: Email, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = email.to
    msg["Subject"] = email.message.subject
    msg["Date"] = format_datetime(email.date)
    msg["Message-ID"] = email.message_id
    msg.set_content(email.message.body, charset="utf-8")
    return msg


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    async def send(self, email: Email) -> None:
        """Hand the email to the SMTP server; raises on any refusal or connection failure."""
        await aiosmtplib.send(
            build_message(email, self.sender),
            hostname=self.host,
            port=self.port,
            username=self.username,
            password=self.password,
            start_tls=self.starttls,
            timeout=self.timeout,
        )
