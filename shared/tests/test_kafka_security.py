"""The Kafka security settings become the same aiokafka options on every client, FastStream's
broker included. SASL is checked here only: the local broker's SASL needs a storage engine it
does not run with in tests (users are created through the broker, memory storage forgets them)."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from faststream.kafka.security import parse_security

from shared.messaging import kafka_clients
from shared.messaging.kafka_security import MECHANISMS, PROTOCOLS, KafkaConnection
from shared.settings import Settings
from tests.support.certs import TestCA


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "k1:9093, k2:9093")
    monkeypatch.setenv("ZONES_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("ZONES_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256")
    monkeypatch.setenv("ZONES_KAFKA_SASL_USERNAME", "review-370100")
    monkeypatch.setenv("ZONES_KAFKA_SASL_PASSWORD", "s3cret-pw")
    settings = Settings()
    assert "s3cret-pw" not in repr(settings)
    conn = KafkaConnection.of(settings)
    assert "s3cret-pw" not in repr(conn)
    options = conn.aiokafka_options()
    assert options["bootstrap_servers"] == ["k1:9093", "k2:9093"]
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-256"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("review-370100", "s3cret-pw")
    context = options["ssl_context"]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_an_unknown_protocol_is_refused_by_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONES_KAFKA_SECURITY_PROTOCOL", "TLS")
    with pytest.raises(ValueError, match="kafka_security_protocol"):
        Settings()


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("mechanism", list(MECHANISMS))
def test_faststream_gets_what_every_other_client_gets(protocol: str, mechanism: str) -> None:
    conn = KafkaConnection("k:9093", protocol, mechanism, "u", "p")
    mine = conn.aiokafka_options()
    theirs = parse_security(conn.faststream_security())
    mine.pop("bootstrap_servers")
    if protocol == "PLAINTEXT":
        assert theirs == {} and mine["ssl_context"] is None  # FastStream's default is plaintext
        return
    assert {k: v for k, v in theirs.items() if k != "ssl_context"} == {
        k: v for k, v in mine.items() if k != "ssl_context"
    }
    assert (theirs["ssl_context"] is None) == (mine["ssl_context"] is None) == (not conn.tls)
    assert conn.sasl == ("sasl_mechanism" in theirs)


async def test_every_kind_of_client_carries_the_security(tmp_path: Path) -> None:
    ca = TestCA(tmp_path)
    conn = KafkaConnection("k:9093", "SASL_SSL", "PLAIN", "u", "p", ssl_cafile=str(ca.files.cert))
    built = [
        kafka_clients.producer(conn),
        kafka_clients.consumer(conn, "t"),
        kafka_clients.admin(conn),
        kafka_clients.client(conn),
    ]
    clients = [built[0].client, built[1]._client, built[2]._client, built[3]]
    for c in clients:
        assert c._security_protocol == "SASL_SSL" and c._sasl_mechanism == "PLAIN"
        assert c._ssl_context is not None and c._ssl_context.check_hostname
    broker = kafka_clients.broker(conn)
    given = broker._connection_kwargs  # what FastStream hands its producer and consumers
    assert given["security_protocol"] == "SASL_SSL" and given["sasl_plain_username"] == "u"
    assert given["ssl_context"].check_hostname


def test_a_client_certificate_is_loaded(tmp_path: Path) -> None:
    ca = TestCA(tmp_path)
    mine = ca.issue("client", ["review-370100"], client=True)
    conn = KafkaConnection("k:9093", "SSL", ssl_cafile=str(ca.files.cert), ssl_certfile=str(mine.cert))
    with pytest.raises(ssl.SSLError):  # the key is not in the certificate file: it must be named
        conn.ssl_context()
    conn = KafkaConnection(
        "k:9093", "SSL", ssl_cafile=str(ca.files.cert), ssl_certfile=str(mine.cert), ssl_keyfile=str(mine.key)
    )
    assert conn.ssl_context() is not None


@pytest.mark.parametrize(
    ("conn", "says"),
    [
        (KafkaConnection("k:1", "SASL_SSL"), "ZONES_KAFKA_SASL_USERNAME"),
        (KafkaConnection("k:1", "SASL_PLAINTEXT", "PLAIN", "u", ""), "ZONES_KAFKA_SASL_PASSWORD"),
        (KafkaConnection("k:1", "SASL_SSL", "GSSAPI", "u", "p"), "ZONES_KAFKA_SASL_MECHANISM"),
        (KafkaConnection("k:1", "PLAINTEXT", ssl_cafile="/ca.pem"), "set SSL or SASL_SSL"),
        (KafkaConnection("k:1", "SSL", ssl_keyfile="/k.pem"), "without ZONES_KAFKA_SSL_CERTFILE"),
        (KafkaConnection("k:1", "TLS"), "must be one of"),
    ],
)
def test_a_wrong_configuration_builds_no_client(conn: KafkaConnection, says: str) -> None:
    problem = conn.problem()
    assert problem and says in problem and " / " in problem  # Chinese / English
    for build in (kafka_clients.producer, kafka_clients.admin, kafka_clients.client, kafka_clients.broker):
        with pytest.raises(ValueError, match=says):
            build(conn)
