"""A register as intake keeps it: the latest version of one kind, and the holder's act of publishing one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from shared.errors import Reason, Refused
from shared.events.registry import Event
from shared.events.schemas.registers import RegisterEntry, RegisterPublished
from shared.programmes.wording import comparable
from shared.registers.content import RegisterContent
from shared.registers.kinds import holder_of, register_kind

_AFTER_NAME = re.compile(r"[（(].*$")  # "王振华（山东省…专家委员会）" names 王振华


def person_name(text: str) -> str:
    """A person's name as written in a form or a roster, without a bracketed note, compared as the
    notices' wordings are (shared/programmes/wording.py: spaces, widths and quotes do not count)."""
    return comparable(_AFTER_NAME.sub("", text))


@dataclass
class Register:
    kind: str
    version: int
    holder: str
    source: str
    published_on: date
    entries: tuple[RegisterEntry, ...]
    loaded_at: datetime
    events: list[Event] = field(default_factory=list, repr=False)

    @classmethod
    def publish(cls, content: RegisterContent, instance: str, previous: int, now: datetime) -> Register:
        """The holder's intake (`instance` its jurisdiction) publishes a whole new version of a register."""
        holder = holder_of(content.kind)
        if holder != instance:
            spec = register_kind(content.kind)
            name = spec.name_zh if spec else content.kind
            raise Refused([Reason(
                "not_register_holder",
                f"本实例（{instance}）不是“{name}”的发布机关（{holder}），不能载入或发布该名录",
                f"this instance ({instance}) does not hold register {content.kind} (held by {holder}): "
                "it may not load or publish it",
                "kind",
            )])  # fmt: skip
        reg = cls(content.kind, previous + 1, holder, content.source, content.published_on,
                  content.entries, now)  # fmt: skip
        reg.events.append(reg.published())
        return reg

    @classmethod
    def of(cls, e: RegisterPublished) -> Register:
        return cls(e.kind, e.version, e.holder, e.source, e.published_on, tuple(e.entries), e.loaded_at)

    def published(self) -> RegisterPublished:
        return RegisterPublished(
            kind=self.kind,
            version=self.version,
            holder=self.holder,
            source=self.source,
            published_on=self.published_on,
            entries=list(self.entries),
            loaded_at=self.loaded_at,
        )

    def lists_unit(self, code: str) -> bool:
        return any(e.code == code for e in self.entries)

    def lists_member(self, named: str) -> bool:
        wanted = person_name(named)
        return bool(wanted) and any(person_name(e.name) == wanted for e in self.entries)

    def cited(self) -> tuple[str, str]:
        """Which version a reason relied on, in Chinese and English."""
        on = self.published_on.isoformat()
        return (
            f"（名录第{self.version}版，来源：{self.source}，日期：{on}）",
            f" (register version {self.version}, source: {self.source}, dated {on})",
        )
