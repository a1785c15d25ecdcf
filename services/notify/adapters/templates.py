"""Notices rendered from Jinja2 files `templates/<language>/<event type>.j2` (a subject and a body block)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from services.notify.domain.categories import category_of
from services.notify.domain.model import RenderedMessage
from services.notify.domain.subscriber import DEFAULT_LANGUAGE

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
GENERIC = "_event"
READER_TZ = ZoneInfo("Asia/Shanghai")  # readers are in China: a time becomes their calendar date
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class TemplateMissing(LookupError):
    """No template for an event type in the wanted language nor in the default one."""


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone(READER_TZ).date() if value.tzinfo else value.date()
    return value


def zh_date(value: date | datetime | str | None) -> str:
    """2027年6月1日"""
    if value is None:
        return ""
    d = _as_date(value)
    return f"{d.year}年{d.month}月{d.day}日"


def en_date(value: date | datetime | str | None) -> str:
    """1 June 2027"""
    if value is None:
        return ""
    d = _as_date(value)
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


class TemplateRenderer:
    def __init__(self, root: Path = TEMPLATES) -> None:
        self.env = Environment(
            loader=FileSystemLoader(root),
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["zh_date"] = zh_date
        self.env.filters["en_date"] = en_date

    def render(self, event_type: str, language: str, facts: dict[str, Any]) -> RenderedMessage:
        """Subject and body of a notice, in `language` when there is a template for it, else the default;
        an event type of the system without its own template gets the generic one (`_event.j2`)."""
        names = [event_type] + ([GENERIC] if event_type.startswith("zones.") else [])
        for name, lang in ((n, lang) for n in names for lang in dict.fromkeys([language, DEFAULT_LANGUAGE])):
            try:
                template = self.env.get_template(f"{lang}/{name}.j2")
            except TemplateNotFound:
                continue
            recipient = facts.get("reviewer_name") or facts.get("applicant_name") or ""
            defaults = {"audience": "applicant", "recipient_name": recipient, "event_type": event_type,
                        "category": category_of(event_type).value}  # fmt: skip
            context = template.new_context({**defaults, **facts})
            subject = "".join(template.blocks["subject"](context))
            body = "".join(template.blocks["body"](context))
            return RenderedMessage(subject=" ".join(subject.split()), body=body.strip() + "\n")
        raise TemplateMissing(f"no template for {event_type} in {language} or {DEFAULT_LANGUAGE}")
