"""JSON read strictly for what is signed: a name twice in one object, or a number that is not an
integer, is refused (two readers must never see different content in the same bytes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shared.security.members import TrustFormatError


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise TrustFormatError(f"a name appears twice in one object: {sorted(keys)}")
    return dict(pairs)


def _no_float(text: str) -> Any:
    raise TrustFormatError(f"a number that is not an integer: {text}")


def read_json(path: Path, what: str) -> dict[str, Any]:
    """A JSON object from `path`, strictly; TrustFormatError saying what is wrong."""
    try:
        doc = json.loads(
            path.read_text(encoding="utf-8"), object_pairs_hook=_strict_object, parse_float=_no_float
        )
    except OSError as exc:
        raise TrustFormatError(f"{what} {path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise TrustFormatError(f"{what} {path}: not JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise TrustFormatError(f"{what} {path}: not a JSON object")
    return doc
