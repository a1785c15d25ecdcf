"""A register version checked against its kind: source, date and every entry (all problems at once)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared import jurisdictions as j
from shared.errors import Reason, Refused
from shared.events.schemas.registers import RegisterEntry
from shared.registers.kinds import RegisterKind

MAX_ENTRIES = 5000  # the whole list travels in one event (≤ 1 MB); real lists have hundreds
TOP_KEYS = {"kind", "source", "published_on", "entries"}
ENTRY_KEYS = {"unit": {"code", "name", "batch"}, "member": {"name", "committee", "batch"}}
NOT_A_NAME = re.compile(r"[@\d]")  # a member is named, never reached: no mailbox or phone in a roster


@dataclass(frozen=True)
class RegisterContent:
    """A checked register version as read from a file: what the holder publishes."""

    kind: str
    source: str
    published_on: date
    entries: tuple[RegisterEntry, ...]


def problem(code: str, zh: str, en: str, where: str | None = None) -> Reason:
    return Reason(code, zh, en, where)


def check(raw: dict[str, Any], spec: RegisterKind) -> RegisterContent:
    """`raw` (a parsed file) as a register of `spec`; Refused listing every problem."""
    out: list[Reason] = []
    if unknown := sorted(set(raw) - TOP_KEYS):
        out.append(
            problem(
                "unknown_field", f"未知字段：{', '.join(unknown)}", f"unknown field(s): {', '.join(unknown)}"
            )
        )
    if raw.get("kind") not in (None, spec.key):
        out.append(
            problem(
                "wrong_kind",
                f"文件所载名录为 {raw['kind']}，不是 {spec.key}",
                f"the file holds register {raw['kind']!r}, not {spec.key}",
                "kind",
            )
        )
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        out.append(
            problem(
                "source_missing",
                "须注明名录来源（发文机关和文号）",
                "the register's source is required (issuing body and document number)",
                "source",
            )
        )
    when = _date(raw.get("published_on"))
    if when is None:
        out.append(
            problem(
                "date_missing",
                "须注明名录日期（YYYY-MM-DD）",
                "the register's date is required (YYYY-MM-DD)",
                "published_on",
            )
        )
    items = raw.get("entries")
    if not isinstance(items, list) or not items:
        out.append(problem("entries_missing", "名录没有条目", "the register has no entries", "entries"))
        items = []
    elif len(items) > MAX_ENTRIES:
        out.append(
            problem(
                "too_many_entries",
                f"条目过多（至多{MAX_ENTRIES}条）",
                f"too many entries (at most {MAX_ENTRIES})",
                "entries",
            )
        )
        items = []
    entries: list[RegisterEntry] = []
    seen: set[tuple[str | None, ...]] = set()
    for n, item in enumerate(items, start=1):
        problems = _entry_problems(item, spec, n)
        out += problems
        if not problems:
            entry = RegisterEntry(**{k: str(v).strip() for k, v in item.items() if str(v).strip()})
            ident = (entry.code,) if spec.entry == "unit" else (entry.name, entry.committee)
            if ident in seen:
                out.append(
                    problem(
                        "duplicate_entry",
                        f"第{n}条与前面的条目重复",
                        f"entry {n} repeats an earlier one",
                        f"entries.{n}",
                    )
                )
            seen.add(ident)
            entries.append(entry)
    if out:
        raise Refused(out)
    assert isinstance(source, str) and when is not None
    return RegisterContent(spec.key, source.strip(), when, tuple(entries))


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _entry_problems(item: object, spec: RegisterKind, n: int) -> list[Reason]:
    where = f"entries.{n}"
    if not isinstance(item, dict):
        return [problem("malformed_entry", f"第{n}条格式不对", f"entry {n} is not a table of fields", where)]
    out: list[Reason] = []
    if unknown := sorted(set(item) - ENTRY_KEYS[spec.entry]):
        out.append(
            problem(
                "unknown_field",
                f"第{n}条有未知字段：{', '.join(unknown)}",
                f"entry {n} has unknown field(s): {', '.join(unknown)}",
                where,
            )
        )
    name = str(item.get("name") or "").strip()
    if not 2 <= len(name) <= 50:
        out.append(
            problem(
                "name_missing",
                f"第{n}条缺少名称（2至50字）",
                f"entry {n}: name missing (2–50 characters)",
                where,
            )
        )
    if spec.entry == "unit":
        code = str(item.get("code") or "")
        try:
            j.validate_known(code)
        except j.UnknownJurisdiction:
            out.append(
                problem(
                    "unknown_code",
                    f"第{n}条行政区划代码 {code} 不在现行行政区划代码表中",
                    f"entry {n}: {code} is not in the division table in force",
                    where,
                )
            )
        except j.InvalidJurisdiction:
            out.append(
                problem(
                    "invalid_code",
                    f"第{n}条行政区划代码无效（应为6位数字）",
                    f"entry {n}: invalid jurisdiction code (six digits expected)",
                    where,
                )
            )
        return out
    if NOT_A_NAME.search(name):
        out.append(
            problem(
                "not_a_name",
                f"第{n}条的姓名含数字或@（名录只列姓名，不列联系方式）",
                f"entry {n}: a name holds digits or @ (a roster names members, never contacts)",
                where,
            )
        )
    committee = str(item.get("committee") or "").strip()
    if committee not in spec.committees:
        listed = "、".join(spec.committees)
        out.append(
            problem(
                "committee_not_recognised",
                f"第{n}条的专家委员会不在认可之列（{listed}）",
                f"entry {n}: committee {committee!r} is not one recognised ({listed})",
                where,
            )
        )
    return out
