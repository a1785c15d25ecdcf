"""How this process reaches Kafka: the bootstrap servers, TLS and SASL, from the settings.

`KafkaConnection` is what every Kafka client of the code is built from (`kafka_clients.py`). With TLS
the broker's certificate chain and host name are always verified; there is no switch to turn that off.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Any

from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from shared.settings import Settings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


@dataclass(frozen=True)
class KafkaConnection:
    """Bootstrap servers plus security; `KafkaConnection("host:9092")` is a plaintext connection."""

    bootstrap: str
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str = "SCRAM-SHA-512"
    sasl_username: str = ""
    sasl_password: str = ""
    ssl_cafile: str = ""
    ssl_certfile: str = ""
    ssl_keyfile: str = ""

    def __repr__(self) -> str:  # never print the password
        return f"KafkaConnection({self.bootstrap!r}, {self.security_protocol})"

    @classmethod
    def of(cls, settings: Settings, bootstrap: str = "") -> KafkaConnection:
        """The connection `settings` describe (optionally to other bootstrap servers)."""
        return cls(
            bootstrap or settings.kafka_bootstrap_servers,
            settings.kafka_security_protocol,
            settings.kafka_sasl_mechanism,
            settings.kafka_sasl_username,
            settings.kafka_sasl_password.get_secret_value(),
            settings.kafka_ssl_cafile,
            settings.kafka_ssl_certfile,
            settings.kafka_ssl_keyfile,
        )

    @property
    def servers(self) -> list[str]:
        return [s.strip() for s in self.bootstrap.split(",") if s.strip()]

    @property
    def tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    def problem(self) -> str | None:
        """What is wrong with this configuration (Chinese / English), or None."""
        if self.security_protocol not in PROTOCOLS:
            return (
                f"ZONES_KAFKA_SECURITY_PROTOCOL 取值无效：{self.security_protocol} / "
                f"ZONES_KAFKA_SECURITY_PROTOCOL must be one of {', '.join(PROTOCOLS)}"
            )
        if self.sasl and self.sasl_mechanism not in MECHANISMS:
            return (
                f"ZONES_KAFKA_SASL_MECHANISM 取值无效：{self.sasl_mechanism} / "
                f"ZONES_KAFKA_SASL_MECHANISM must be one of {', '.join(MECHANISMS)}"
            )
        if self.sasl and not (self.sasl_username and self.sasl_password):
            return (
                f"{self.security_protocol} 需要 ZONES_KAFKA_SASL_USERNAME 和 ZONES_KAFKA_SASL_PASSWORD / "
                f"{self.security_protocol} needs ZONES_KAFKA_SASL_USERNAME and ZONES_KAFKA_SASL_PASSWORD"
            )
        if not self.tls and (self.ssl_cafile or self.ssl_certfile or self.ssl_keyfile):
            return (
                f"设置了 ZONES_KAFKA_SSL_* 但协议为 {self.security_protocol}，不会使用 TLS / "
                f"ZONES_KAFKA_SSL_* is set but ZONES_KAFKA_SECURITY_PROTOCOL is {self.security_protocol}: "
                "set SSL or SASL_SSL"
            )
        if self.ssl_keyfile and not self.ssl_certfile:
            return (
                "设置了 ZONES_KAFKA_SSL_KEYFILE 却没有 ZONES_KAFKA_SSL_CERTFILE / "
                "ZONES_KAFKA_SSL_KEYFILE is set without ZONES_KAFKA_SSL_CERTFILE"
            )
        return None

    def ssl_context(self) -> ssl.SSLContext | None:
        """A context that verifies the broker (chain and host name), with the client certificate if set."""
        if not self.tls:
            return None
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=self.ssl_cafile or None)
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        if self.ssl_certfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile or None)
        return context

    def aiokafka_options(self) -> dict[str, Any]:
        """Keyword arguments of every aiokafka client for this connection; raises ValueError when the
        configuration is wrong."""
        if problem := self.problem():
            raise ValueError(problem)
        options: dict[str, Any] = {
            "bootstrap_servers": self.servers,
            "security_protocol": self.security_protocol,
            "ssl_context": self.ssl_context(),
        }
        if self.sasl:
            options |= {
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": self.sasl_username,
                "sasl_plain_password": self.sasl_password,
            }
        return options

    def faststream_security(self) -> BaseSecurity | None:
        """The same as FastStream's `security=` (it maps it back to aiokafka's options)."""
        if problem := self.problem():
            raise ValueError(problem)
        if self.sasl:
            return MECHANISMS[self.sasl_mechanism](
                self.sasl_username, self.sasl_password, ssl_context=self.ssl_context(), use_ssl=self.tls
            )
        if self.tls:
            return BaseSecurity(ssl_context=self.ssl_context(), use_ssl=True)
        return None
