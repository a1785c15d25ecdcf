"""JSON as a consumer may parse it from a record: bounded depth, never RecursionError."""

from __future__ import annotations

import json
from typing import Any

from shared.events.attributes import MalformedEvent

MAX_JSON_DEPTH = 16  # our payloads nest 3 deep; deeper is refused before anything walks it


def parse_json(value: bytes) -> Any:
    """JSON nested at most MAX_JSON_DEPTH deep; MalformedEvent for anything else (never RecursionError,
    which the parser raises on a value of nothing but `[`)."""
    try:
        data = json.loads(value)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise MalformedEvent(f"value not parseable: {str(exc)[:200]}") from exc
    if json_depth(data) > MAX_JSON_DEPTH:
        raise MalformedEvent(f"JSON nested deeper than {MAX_JSON_DEPTH}")
    return data


def json_depth(data: Any) -> int:
    """How deep lists and objects nest in parsed JSON (0 for a scalar), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            stack.extend((child, depth) for child in (node.values() if isinstance(node, dict) else node))
    return deepest
