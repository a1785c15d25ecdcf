"""Every Kafka client of the code is built by `shared/messaging/kafka_clients.py`, so none connects
without the TLS and SASL settings."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTORY = ROOT / "shared" / "messaging" / "kafka_clients.py"
CLIENTS = {"AIOKafkaProducer", "AIOKafkaConsumer", "AIOKafkaAdminClient", "AIOKafkaClient", "KafkaBroker"}
# The factory's functions, each called where the code needs that kind of client.
FACTORY_CALLS = {"producer", "consumer", "admin", "client", "broker"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def constructions(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, class) of each call of a Kafka client class, also through `partial(Class, …)`."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name == "partial" and node.args:
            name = _name(node.args[0])
        if name in CLIENTS:
            found.append((node.lineno, name))
    return found


def factory_uses(tree: ast.AST) -> int:
    """Calls of `kafka_clients.<kind>(…)`."""
    return sum(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr in FACTORY_CALLS
        and _name(n.func.value) == "kafka_clients"
        for n in ast.walk(tree)
    )


def _sources() -> list[Path]:
    return sorted(p for d in ("shared", "services", "console") for p in (ROOT / d).rglob("*.py"))


def test_no_kafka_client_is_built_outside_the_factory() -> None:
    files = _sources()
    outside, uses = [], 0
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path != FACTORY:
            outside += [f"{path.relative_to(ROOT)}:{line} {cls}" for line, cls in constructions(tree)]
        if "tests" not in path.relative_to(ROOT).parts:
            uses += factory_uses(tree)
    assert not outside, f"Kafka clients built outside shared/messaging/kafka_clients.py: {outside}"
    assert len(files) > 150  # looked at the whole code, not an empty directory
    # broker (service), consumer (history: replay, dlq), client (readiness), admin (topics),
    # producer (dlq redrive): a new call site raises this on purpose.
    assert uses == 5
    assert len(constructions(ast.parse(FACTORY.read_text(encoding="utf-8")))) == 5


def test_the_scan_sees_direct_aliased_and_partial_constructions() -> None:
    snippet = (
        "import aiokafka\nfrom functools import partial\n"
        "a = aiokafka.AIOKafkaProducer(bootstrap_servers='x')\n"
        "b = partial(aiokafka.AIOKafkaConsumer, 't')\n"
        "c = KafkaBroker('x')\n"
        "d: AIOKafkaClient | None = None\n"  # an annotation is no construction
    )
    assert [cls for _, cls in constructions(ast.parse(snippet))] == [
        "AIOKafkaProducer",
        "AIOKafkaConsumer",
        "KafkaBroker",
    ]
