"""The compatibility gate: the payload schemas of the last release (`published/<type>.json`) against
the ones the code generates now.

A published type must still be served, and its schema may change only in ways its readers survive:
an optional field may be added; removing, renaming or retyping a field, adding a required field,
making a required field optional, or removing an enum value is breaking. A breaking change ships as
a new type (`…v2`, its own class) beside the old one, which stays served until a release drops it.

The structural diff is api-schema-diff's (`schema_diff.openapi.json_schema_diff`): we first bring
each schema into the plain shape it compares (references inlined, `anyOf` with null folded into the
type, formats and enums made visible), so what it reports covers every rule above.

    python -m shared.events.compatibility check     # the gate (`make test` runs it)
    python -m shared.events.compatibility publish   # at a release: the current schemas become published
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from schema_diff.models import ChangeType, DiffResult
from schema_diff.openapi.json_schema_diff import diff_json_schema

PUBLISHED = Path(__file__).with_name("published")
Schema = dict[str, Any]


def current_schemas() -> dict[str, Schema]:
    """Event type → JSON Schema of its payload, as the code defines it now."""
    import shared.events.schemas  # noqa: F401  (registers every type)
    from shared.events.registry import EVENT_TYPES

    return {t: EVENT_TYPES[t].model_json_schema(mode="validation") for t in sorted(EVENT_TYPES)}


def published_schemas(folder: Path = PUBLISHED) -> dict[str, Schema]:
    """Event type → JSON Schema of the last release."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def problems(published: dict[str, Schema], current: dict[str, Schema]) -> list[str]:
    """Every breaking change from `published` to `current`, one line each; empty when compatible."""
    found: list[str] = []
    for event_type, old in sorted(published.items()):
        new = current.get(event_type)
        if new is None:
            found.append(f"{event_type}: no longer served (keep it until a release retires it)")
            continue
        found += [f"{event_type}: {line}" for line in breaking(old, new)]
    return found


def breaking(old: Schema, new: Schema) -> list[str]:
    """The breaking changes between two payload schemas, as api-schema-diff reports them."""
    result = DiffResult()
    diff_json_schema(plain(old, old), plain(new, new), path="$", result=result)
    lines = [f"{c.path}: {c.message}" + _types(c.old_type, c.new_type) for c in result.breaking]
    # a field no longer required: readers of this version still require it, so it breaks them too
    lines += [
        f"{c.path}: {c.message} (readers still require it)"
        for c in result.non_breaking
        if c.change_type is ChangeType.REQUIRED_CHANGE
    ]
    return sorted(lines)


def _types(old: str | None, new: str | None) -> str:
    return f" ({old} → {new})" if old or new else ""


def plain(node: Any, root: Schema) -> Schema:
    """`node` in the shape the diff compares: `type` a single token that includes the format and
    nullability, objects with properties and required, enum values as properties `enum:<value>`."""
    if not isinstance(node, dict):
        return {}
    if "$ref" in node:
        return plain(_resolve(node["$ref"], root), root)
    branches = node.get("anyOf") or node.get("oneOf")
    if branches:
        kinds = [plain(b, root) for b in branches]
        solid = [k for k in kinds if k.get("type") != "null"]
        merged = dict(solid[0]) if len(solid) == 1 else {"type": "|".join(sorted(k["type"] for k in solid))}
        merged["type"] += "|null" if len(solid) < len(kinds) else ""
        return merged
    out: Schema = {"type": _token(node)}
    if node.get("type") == "object" or "properties" in node:
        out["properties"] = {k: plain(v, root) for k, v in node.get("properties", {}).items()}
        out["required"] = list(node.get("required", []))
    if "items" in node:
        out["items"] = plain(node["items"], root)
    values = node.get("enum", [node["const"]] if "const" in node else None)
    if values is not None:
        out["properties"] = {f"enum:{v}": {"type": "enum-value"} for v in values}
    return out


def _token(node: Schema) -> str:
    kind = node.get("type", "any")
    kind = "|".join(sorted(kind)) if isinstance(kind, list) else str(kind)
    return f"{kind}/{node['format']}" if "format" in node else kind


def _resolve(ref: str, root: Schema) -> Any:
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return target


def publish(folder: Path = PUBLISHED) -> int:
    """Write the current schemas as the published ones (at a release); how many were written."""
    folder.mkdir(exist_ok=True)
    schemas = current_schemas()
    for event_type, schema in schemas.items():
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (folder / f"{event_type}.json").write_text(text, encoding="utf-8")
    return len(schemas)


def main(argv: list[str]) -> int:
    if argv[1:] == ["publish"]:
        print(f"published {publish()} event schemas to {PUBLISHED}")
        return 0
    published = published_schemas()
    found = problems(published, current_schemas())
    for line in found:
        print(f"破坏性变更 / breaking change: {line}")
    print(f"checked {len(published)} published event types: {len(found)} breaking change(s)")
    return 1 if found or not published else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
