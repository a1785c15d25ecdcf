"""docs/asyncapi.json is a valid AsyncAPI 3.0 document by the official JSON Schema (vendored in
docs/schemas/, see its README for source and version), and the validator does catch a broken one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA = json.loads((DOCS / "schemas" / "asyncapi-3.0.0.schema.json").read_text(encoding="utf-8"))
DOCUMENT = json.loads((DOCS / "asyncapi.json").read_text(encoding="utf-8"))


def _errors(doc: dict[str, Any]) -> list[str]:
    return [e.message for e in Draft7Validator(SCHEMA).iter_errors(doc)]


def test_the_schema_is_the_official_3_0_0_one() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert (
        SCHEMA["title"] == "AsyncAPI 3.0.0 schema." and SCHEMA["properties"]["asyncapi"]["const"] == "3.0.0"
    )
    refs = list(_refs(SCHEMA))
    assert len(refs) > 100 and all(r.startswith("#/") for r in refs)  # every reference local: no network


def _refs(node: Any) -> Any:
    """Every `$ref` of the schema itself (its `examples` hold sample documents, not references)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            elif key != "examples":
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_our_asyncapi_document_is_valid() -> None:
    assert _errors(DOCUMENT) == []
    assert len(DOCUMENT["components"]["messages"]) >= 18 and len(DOCUMENT["channels"]) == 3


def test_the_validator_catches_what_would_be_wrong() -> None:
    wrong_action = copy.deepcopy(DOCUMENT)
    next(iter(wrong_action["operations"].values()))["action"] = "consume"
    no_address_type = copy.deepcopy(DOCUMENT)
    next(iter(no_address_type["channels"].values()))["address"] = 7
    unknown_field = {**DOCUMENT, "topics": {}}
    broken = [wrong_action, no_address_type, unknown_field, {**DOCUMENT, "asyncapi": "2.6.0"}]
    assert all(_errors(doc) for doc in broken)
