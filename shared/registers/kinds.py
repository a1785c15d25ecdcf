"""The kinds of register and who holds each (`kinds.toml`): the receiver's own rule table.

A register is a list of what existed before the system (national zones named by the ministry, its
rural experimental units, expert committee members) that intake checks applications against. Only
the holder's intake publishes a kind; a register event from any other source is refused (deny by
default: a kind not in this table has no holder).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from shared.programmes.base import Strict

TABLE = Path(__file__).with_name("kinds.toml")


class RegisterKind(Strict):
    key: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name_zh: str
    name_en: str
    holder: str = Field(pattern=r"^\d{6}$", description="Jurisdiction that publishes this register.")
    entry: Literal["unit", "member"] = Field(
        description="unit: a jurisdiction (code, name); member: an expert committee member (name, committee)."
    )
    committees: tuple[str, ...] = Field((), description="The committees a member may belong to.")


class _Table(Strict):
    kind: tuple[RegisterKind, ...]


@cache
def register_kinds() -> dict[str, RegisterKind]:
    """Every kind of register this deployment knows, by key (loaded once from kinds.toml)."""
    table = _Table.model_validate(tomllib.loads(TABLE.read_text(encoding="utf-8")))
    return {k.key: k for k in table.kind}


def register_kind(key: str) -> RegisterKind | None:
    """The kind named `key`, or None when this deployment knows no such register."""
    return register_kinds().get(key)


def holder_of(key: str) -> str | None:
    """The jurisdiction that holds (alone may publish) register `key`; None for an unknown kind."""
    kind = register_kind(key)
    return kind.holder if kind else None
