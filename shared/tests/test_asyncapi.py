from pathlib import Path

from shared.events.asyncapi import build, render

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.json"


def test_committed_asyncapi_document_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "docs/asyncapi.json is stale: run `make asyncapi` and commit it"
    )


def test_every_event_has_a_documented_payload() -> None:
    doc = build()
    for name, message in doc["components"]["messages"].items():
        schema = doc["components"]["schemas"][name]
        assert all(p.get("description") for p in schema["properties"].values()), name
        assert message["summary"], name
