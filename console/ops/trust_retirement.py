"""`zones trust retire` and `zones trust revoke`: ending a member's period in the bundle.

Retire (a planned rotation): the key's signatures count for events dated before `--not-after`.
Revoke (a key that may have leaked): they stop counting from `--at`, the earliest moment it may have
leaked. Either way events dated earlier still verify, so history replays; the bundle must then be
signed again (`zones trust sign`). Bad input: Chinese and English, nothing written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer

from console.ops import trust_input as given
from shared.security import bundle as b
from shared.security.members import instant, iso

BUNDLE = typer.Option(..., "--bundle", help="The bundle file (JSON)")


def _member(doc: dict[str, Any], key_id: str, path: Path) -> dict[str, Any]:
    found = [m for m in doc["members"] if m.get("key_id") == key_id]
    if not found:
        given.fail(f"信任包中没有密钥 {key_id}", f"no member with key id {key_id!r} in {path}")
    return found[0]


def _save(doc: dict[str, Any], path: Path) -> None:
    b.write({k: v for k, v in doc.items() if k != "signature"}, path)


def retire(
    bundle: Path = BUNDLE,
    key_id: str = typer.Option(..., help="The member's key id"),
    not_after: str = typer.Option(..., help="Its last day (a date, China time) or an ISO time with offset"),
) -> None:
    """End a member's period (a rotation): events it signed dated from then on are refused; then sign."""
    doc = given.draft(bundle, must_exist=True)
    member, end = _member(doc, key_id, bundle), given.end(not_after)
    earlier = instant(member.get("not_after"), "not_after")
    if earlier and earlier < end:
        given.fail(f"{key_id} 已于 {iso(earlier)} 到期", f"{key_id} already ends at {iso(earlier)}, earlier")
    member["not_after"] = iso(end)
    _save(doc, bundle)
    typer.echo(f"{key_id} signs events dated before {iso(end)}; now: zones trust sign")


def revoke(
    bundle: Path = BUNDLE,
    key_id: str = typer.Option(..., help="The member's key id"),
    at: str = typer.Option(..., help="From when its signatures are refused (ISO with offset, or `now`)"),
) -> None:
    """Revoke a member from `--at` (events it signed dated from then are refused); then sign."""
    doc = given.draft(bundle, must_exist=True)
    member = _member(doc, key_id, bundle)
    when = datetime.now(UTC).replace(microsecond=0) if at == "now" else given.start(at)
    earlier = instant(member.get("revoked_at"), "revoked_at")
    if earlier and earlier < when:
        given.fail(
            f"{key_id} 已于 {iso(earlier)} 吊销", f"{key_id} is already revoked from {iso(earlier)}, earlier"
        )
    member["revoked_at"] = iso(when)
    _save(doc, bundle)
    typer.echo(f"revoked {key_id} from {iso(when)}; now: zones trust sign")


def register(trust: typer.Typer) -> None:
    trust.command("retire")(retire)
    trust.command("revoke")(revoke)
