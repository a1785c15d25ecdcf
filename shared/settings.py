"""Configuration of one service process, only from environment variables.

`DATABASE_URL` and `KAFKA_BOOTSTRAP_SERVERS` keep their conventional names; every other
setting is prefixed `ZONES_`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.divisions.table import load as load_divisions
from shared.territory import Territory, parse_delegated

if TYPE_CHECKING:
    from shared.security.current import TrustPaths

# Values a template or an example leaves in place of a real credential; a service refuses to start on one.
PLACEHOLDERS = {"change-me", "changeme", "change_me", "replace-me", "password", "secret", "xxx"}


def is_placeholder(value: str | None) -> bool:
    v = (value or "").strip().lower()
    return v in PLACEHOLDERS or v.startswith("change-me") or (v.startswith("<") and v.endswith(">"))


class Settings(BaseSettings):
    """Settings shared by every service; a service may subclass to add its own."""

    model_config = SettingsConfigDict(env_prefix="ZONES_", extra="ignore", populate_by_name=True)

    service: str = Field(
        "intake", description="Which service this process runs: intake, review, monitoring, notify."
    )
    jurisdiction: str = Field(
        "000000", description="The 6-digit code of the jurisdiction this instance serves (GB/T 2260)."
    )
    delegated: str = Field(
        "",
        description="Comma-separated codes of child jurisdictions that run their own instance of this "
        "service (e.g. 370100 on Shandong's notify when Jinan runs its own). This instance owns what lies "
        "within ZONES_JURISDICTION (000000: the whole country) but not within these; events about the rest "
        "it skips, unverified. Each must lie strictly inside ZONES_JURISDICTION.",
    )
    database_url: str = Field(
        "postgresql+asyncpg://postgres@127.0.0.1:55432/zones",
        validation_alias=AliasChoices("DATABASE_URL", "ZONES_DATABASE_URL"),
        description="SQLAlchemy URL of this instance's own database (postgresql+asyncpg://…).",
    )
    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:19092",
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "ZONES_KAFKA_BOOTSTRAP_SERVERS"),
        description="Comma-separated Kafka bootstrap servers.",
    )
    kafka_fetch_max_wait_ms: int = Field(
        10,
        description="Consumer fetch wait. Tansu answers a fetch only when this expires, so keep it low "
        "locally (10 ms ≈ 3 ms p50 round trip); 100–500 ms is right for Apache Kafka.",
    )
    kafka_enable_idempotence: bool = Field(
        False, description="Idempotent producer: on for Apache Kafka, off for Tansu (unsupported)."
    )
    kafka_session_timeout_ms: int = Field(10_000, description="Consumer group session timeout.")
    kafka_origin: str = Field(
        "",
        pattern=r"^([a-z][a-z0-9]{0,29})?$",
        description="Only where clusters are mirrored (MirrorMaker 2, docs/federation.md): the name of the "
        "cluster this deployment publishes to (`national` on the ministry's). Every record it publishes "
        "then carries the header `zones-origin-<name>`, by which the mirror flows never copy a record back. "
        "Empty (one backbone): no header.",
    )
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT",
        description="How every Kafka client connects: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT or SASL_SSL. With "
        "TLS the broker's certificate and host name are always verified.",
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        "SCRAM-SHA-512",
        description="SASL mechanism when the protocol is SASL_*: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.",
    )
    kafka_sasl_username: str = Field("", description="SASL user name (required with SASL_*).")
    kafka_sasl_password: SecretStr = Field(SecretStr(""), description="SASL password (required with SASL_*).")
    kafka_ssl_cafile: str = Field(
        "", description="CA certificates (PEM) that sign the brokers' certificates; empty: the system's CAs."
    )
    kafka_ssl_certfile: str = Field(
        "", description="This client's certificate (PEM), when the brokers require client certificates."
    )
    kafka_ssl_keyfile: str = Field("", description="The private key (PEM) of ZONES_KAFKA_SSL_CERTFILE.")
    http_host: str = Field("127.0.0.1", description="Address the HTTP API listens on.")
    http_port: int = Field(8000, description="Port the HTTP API listens on.")
    public_url: str = Field("", description="URL other services and people use to reach this API.")
    max_attempts: int = Field(
        3, description="Attempts at handling one event before it goes to the dead-letter topic."
    )
    retry_backoff_ms: int = Field(200, description="First retry delay; doubles at each attempt.")
    outbox_poll_interval_ms: int = Field(
        1000, description="Outbox relay fallback poll; commits also wake it at once via LISTEN/NOTIFY."
    )
    outbox_batch_size: int = Field(200, description="Rows the outbox relay publishes per batch.")
    outbox_retention_days: int = Field(
        30, description="How long published outbox rows are kept so they can be published again."
    )
    clock_file: str = Field(
        "",
        description="A file holding an extra clock offset in seconds, re-read when it changes: every process "
        "given the same file moves together (`zones clock advance 30d`). Simulations and tests only.",
    )
    clock_offset_seconds: float = Field(
        0.0, description="Shift of this process's clock from real time, in seconds (demos and simulations)."
    )
    divisions_file: str = Field(
        "",
        description="A newer official division table (GB/T 2260 codes, format: shared/divisions/README.md; "
        "check it with `zones divisions check FILE`). Empty: the table shipped in shared/divisions/. A "
        "malformed file stops the service at start.",
    )
    db_pool_size: int = Field(
        10,
        ge=1,
        description="Pooled database connections of this process (plus 5 overflow). HTTP requests beyond "
        "them wait up to 30 s for one, then get 503 with Retry-After (nothing stored).",
    )
    migrate_on_start: bool = Field(True, description="Run this service's database migrations at start-up.")
    shutdown_timeout_s: float = Field(
        10.0,
        description="Longest a stop waits for the broker client to close; at most a quarter of "
        "ZONES_STOP_TIMEOUT_S, which it is part of.",
    )
    signing_key: str = Field(
        "",
        description="This instance's own Ed25519 private key (base64url raw, `zones keys generate`); "
        "events are signed when set. Prefer ZONES_SIGNING_KEY_FILE.",
    )
    signing_key_file: str = Field(
        "", description="A file holding the private key (instead of ZONES_SIGNING_KEY)."
    )
    signing_key_id: str = Field(
        "", description="This key's id: its member in the trust bundle (for this service and jurisdiction)."
    )
    trust_bundle: str = Field(
        "",
        description="The signed trust bundle (JSON, `zones trust sign`): key id → jurisdiction, service, "
        "event types, validity. When set, every consumed event must be signed by a member key bound to its "
        "source and type, with authority to emit it. Re-read when it changes; a lower serial is refused.",
    )
    trust_anchor: str = Field(
        "",
        description="The pinned root public key(s) the bundle must be signed with (`zones trust root-init` "
        "writes it). Required with ZONES_TRUST_BUNDLE.",
    )
    unsigned_events: bool = Field(
        False,
        description="Accept consumed events without a trust bundle (unsigned). Only a development machine or "
        "an unsigned test stack sets this; while ZONES_AUTH_REQUIRED is true and it is not set, a service "
        "refuses to start without ZONES_TRUST_BUNDLE.",
    )
    event_clock_skew_s: float = Field(
        300.0,
        gt=0,
        description="How far an event's time may lie ahead of this receiver's clock; later ones are refused "
        "(a key cannot sign for the future).",
    )
    auth_required: bool = Field(
        True,
        description="Require a bearer token on every API call (see `zones token create`). Only a "
        "development machine turns this off; then every caller acts as the national admin.",
    )
    token_issuers: str = Field(
        "",
        description="The token issuers this instance trusts (TOML: issuer id, the jurisdiction it may vouch "
        "for, its keys as jwks_file, jwks_url or an OIDC discovery_url; `zones issuer init` writes one). "
        "Required while ZONES_AUTH_REQUIRED is true: a service refuses to start without it.",
    )
    token_audience: str = Field(
        "", description="The `aud` a token must name to be accepted here; empty: this instance's name."
    )
    token_revocations: str = Field(
        "",
        description="A file of revoked tokens (TOML, `zones token revoke`), re-read when it changes; while "
        "set and unreadable, every token is refused.",
    )
    token_max_lifetime_s: float = Field(
        43_200.0, gt=0, description="Longest lifetime (exp − iat) a token may have; longer ones are refused."
    )
    token_leeway_s: float = Field(
        60.0, ge=0, description="Clock difference allowed when checking a token's exp, nbf and iat."
    )
    log_level: str = Field("INFO", description="Log level: DEBUG, INFO, WARNING, ERROR.")
    log_json: bool = Field(True, description="JSON logs (true) or human-readable console logs (false).")
    stop_timeout_s: float = Field(
        20.0,
        description="Longest a whole graceful stop (SIGTERM) takes: open HTTP requests finish (a quarter, "
        "at most 5 s), then the held messages and the outbox flush, then the broker client closes, all "
        "within this one budget. The orchestrator's grace period must exceed it (plus any preStop pause).",
    )
    readiness_timeout_s: float = Field(
        2.0,
        description="Longest /readyz (database) and /healthz/consumers (broker) wait for each check before "
        "calling it down.",
    )
    clock_skew_max_s: float = Field(
        5.0, description="`zones doctor` fails when this host's clock and the database's differ by more."
    )
    topic_replication: int = Field(
        0,
        description="Replication factor for topics `zones topics` creates; 0 takes each topic's declared "
        "value (3). Creation is refused while fewer brokers are up; `min.insync.replicas` is the factor − 1 "
        "(at least 1). The local stack's own broker uses 1.",
    )

    @model_validator(mode="after")
    def _divisions_readable(self) -> Settings:
        if self.divisions_file:  # MalformedDivisionTable is a ValueError: zh + en, naming the line
            from shared import jurisdictions

            jurisdictions.use_division_table(load_divisions(self.divisions_file))
        return self

    @model_validator(mode="after")
    def _delegation_inside(self) -> Settings:
        if self.delegated.strip():
            parse_delegated(self.jurisdiction, self.delegated)  # InvalidDelegation: zh + en
        return self

    @property
    def territory(self) -> Territory:
        """What this instance owns: its jurisdiction less the delegated children (shared/territory.py)."""
        return Territory(self.jurisdiction, parse_delegated(self.jurisdiction, self.delegated))

    def auth_problem(self) -> str | None:
        """Why this configuration may not serve HTTP (Chinese / English), or None."""
        if not self.auth_required:
            return self.credential_problem()
        if os.environ.get("ZONES_TOKEN_SECRET"):  # an old configuration: its tokens would all be refused
            return (
                "ZONES_TOKEN_SECRET 已停用（令牌改为各签发方的非对称 JWT），"
                "请删除它并设置 ZONES_TOKEN_ISSUERS / "
                "ZONES_TOKEN_SECRET is no longer read (tokens are asymmetric JWTs per issuer): remove it and "
                "set ZONES_TOKEN_ISSUERS (`zones issuer init`, docs/operations.md)"
            )
        if not self.token_issuers:
            return (
                "未设置 ZONES_TOKEN_ISSUERS，无法校验令牌 / ZONES_TOKEN_ISSUERS is not set while "
                "ZONES_AUTH_REQUIRED is true (set it, or ZONES_AUTH_REQUIRED=false on a development machine)"
            )
        from shared.security.token_config import token_config_problem

        problem = token_config_problem(self)
        if problem:
            return (
                "令牌签发方（ZONES_TOKEN_ISSUERS）或吊销列表无法使用 / the token issuers "
                "(ZONES_TOKEN_ISSUERS) or the revocation list (ZONES_TOKEN_REVOCATIONS) cannot be used: "
                + problem
            )
        return self.credential_problem()

    def credential_problem(self) -> str | None:
        """A password still at a placeholder (`change-me`, `<…>`): the database's, Kafka's, SMTP's."""
        named = {"DATABASE_URL": urlsplit(self.database_url).password}
        smtp = getattr(self, "smtp_password", None)  # notify's own settings class has it
        if smtp is None and self.service == "notify":  # `zones serve notify` checks with these settings
            smtp = os.environ.get("ZONES_SMTP_PASSWORD")
        named["ZONES_SMTP_PASSWORD"] = smtp
        named["ZONES_KAFKA_SASL_PASSWORD"] = self.kafka_sasl_password.get_secret_value()
        for name, value in named.items():
            if is_placeholder(value):
                return (
                    f"{name} 中的密码仍是占位值，请填入真实密码 / the password in {name} is still a "
                    "placeholder: set the real one (from the deployment's secrets)"
                )
        return None

    def trust_problem(self) -> str | None:
        """Why this configuration may not consume events (Chinese / English), or None."""
        if os.environ.get("ZONES_TRUST_FILE"):  # an old configuration would otherwise run unverified
            return (
                "ZONES_TRUST_FILE 已停用，请改用签名信任包 / ZONES_TRUST_FILE is no longer read: set "
                "ZONES_TRUST_BUNDLE and ZONES_TRUST_ANCHOR (docs/operations.md, key rotation)"
            )
        if not self.trust_bundle:
            if self.auth_required and not self.unsigned_events:
                return (
                    "未设置 ZONES_TRUST_BUNDLE，无法验证事件签名 / ZONES_TRUST_BUNDLE is not set while "
                    "ZONES_AUTH_REQUIRED is true (set it and ZONES_TRUST_ANCHOR, or "
                    "ZONES_UNSIGNED_EVENTS=true on a development machine)"
                )
            return None
        if not self.trust_anchor:
            return "未设置 ZONES_TRUST_ANCHOR（信任锚） / ZONES_TRUST_ANCHOR is not set (the bundle needs it)"
        from shared.security.bundle import BundleRefused
        from shared.security.current import TrustPaths, load_verified, receiver_now

        now = receiver_now(self.clock_offset_seconds, self.clock_file)
        try:
            load_verified(TrustPaths(self.trust_bundle, self.trust_anchor), now)
        except BundleRefused as exc:
            return f"信任包不可用 / the trust bundle cannot be used: {self.trust_bundle}: {exc}"
        return None

    @property
    def trust(self) -> TrustPaths | None:
        """The bundle and anchor paths the gate reads, or None when events are not verified."""
        from shared.security.current import TrustPaths

        return TrustPaths(self.trust_bundle, self.trust_anchor) if self.trust_bundle else None

    @property
    def instance(self) -> str:
        """The instance name, (service, jurisdiction): `review-370100`, `notify-000000`. It is the consumer
        group id, the inbox's consumer, the `consumer` label of the metrics and in every log line."""
        return f"{self.service}-{self.jurisdiction}"

    @property
    def audience(self) -> str:
        """The `aud` a bearer token must name to be accepted by this instance."""
        return self.token_audience or self.instance

    @property
    def source(self) -> str:
        """CloudEvents `source` of events this instance emits."""
        return f"/jurisdictions/{self.jurisdiction}/{self.service}"


S = TypeVar("S", bound=Settings)


def settings_as(cls: type[S], settings: Settings | None, **defaults: object) -> S:
    """`settings` as a service's own subclass (which adds its fields, read from the environment)."""
    if settings is None:
        return cls(**defaults)  # type: ignore[arg-type]
    return cls(**{**defaults, **settings.model_dump(exclude_defaults=True)})
