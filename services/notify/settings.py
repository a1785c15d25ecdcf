"""Notify's own settings: how to reach the mail server and how hard to try (env vars, prefix `ZONES_`)."""

from __future__ import annotations

from pydantic import Field

from shared.settings import Settings


class NotifySettings(Settings):
    smtp_host: str = Field("127.0.0.1", description="SMTP server host.")
    smtp_port: int = Field(1025, description="SMTP server port.")
    smtp_from: str = Field(
        "社区治理实验区 <noreply@zones.local>",
        description="From header (display name and address) of every email.",
    )
    smtp_username: str | None = Field(None, description="SMTP login, when the server wants one.")
    smtp_password: str | None = Field(None, description="SMTP password, when the server wants one.")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_timeout_s: float = Field(10.0, description="Seconds to wait on the SMTP server before giving up.")
    delivery_max_attempts: int = Field(
        5, description="Attempts at sending one email before it is marked failed."
    )
    delivery_backoff_ms: int = Field(
        500, description="Delay before the first retry of an email; doubles each time."
    )
    webhook_timeout_s: float = Field(10.0, description="Seconds to wait on a webhook receiver.")
    webhook_allow: str = Field(
        "",
        description="Comma-separated hosts, addresses and CIDR networks webhooks may reach although they "
        "are loopback, private, link-local or this deployment's own (e.g. 127.0.0.1 for a local receiver).",
    )
    digest_hour: int = Field(
        8, ge=0, le=23, description="Hour (Beijing time) at which each day's digest gathers what was held."
    )
    digest_poll_s: float = Field(30.0, description="How often the digest job looks whether a digest is due.")
