"""The official administrative division table (GB/T 2260 codes as the ministry publishes them).

A table file is UTF-8 text: `# key: value` header lines (`source` and `year` required, `as_of`
optional), then the line `code,name`, then one `code,name` line per division, exactly as the
ministry's "县以上行政区划代码" lists them. Levels and parents follow from the codes: `XX0000` is a
province-level unit, `XXYY00` a prefecture-level one, anything else county-level, whose parent is
its `XXYY00` when the table lists it and otherwise its province (the districts of 北京/天津/上海/重庆
and the 省直辖县级行政单位 such as 429004 仙桃市). The shipped table is `gbt2260.csv` beside this
file (README.md there says where it came from); `ZONES_DIVISIONS_FILE` names a newer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SHIPPED = Path(__file__).parent / "gbt2260.csv"
_CODE = re.compile(r"^\d{6}$")
_YEAR = re.compile(r"^(19|20)\d\d$")


class MalformedDivisionTable(ValueError):
    """A division table file that cannot be used; the message says where and why, in both languages."""

    def __init__(self, origin: str, zh: str, en: str) -> None:
        super().__init__(f"行政区划代码表 {origin} 无效：{zh} / division table {origin} is malformed: {en}")
        self.origin = origin


@dataclass(frozen=True)
class DivisionTable:
    """One year's table: code → official name, with where it came from."""

    names: dict[str, str]
    year: str
    source: str
    as_of: str = ""

    def parent(self, code: str) -> str | None:
        """The code one level up inside the table (`000000` above a province), None if unlisted."""
        if code not in self.names:
            return None
        if code.endswith("0000"):
            return "000000"
        prefecture = code[:4] + "00"
        if not code.endswith("00") and prefecture in self.names:
            return prefecture
        return code[:2] + "0000"

    def county_level(self) -> tuple[str, ...]:
        """Every county-level unit, in code order."""
        return tuple(c for c in sorted(self.names) if not c.endswith("00"))


def parse(text: str, origin: str) -> DivisionTable:
    """A table from the text of a file (MalformedDivisionTable, naming the line, when it is not one)."""
    meta: dict[str, str] = {}
    names: dict[str, str] = {}
    seen_columns = False

    def bad(n: int, zh: str, en: str) -> MalformedDivisionTable:
        return MalformedDivisionTable(origin, f"第{n}行：{zh}", f"line {n}: {en}")

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip().isidentifier():
                meta[key.strip()] = value.strip()
            continue
        if not seen_columns:
            if line.replace(" ", "") != "code,name":
                raise bad(n, "应为表头 code,name", "the header line code,name expected")
            seen_columns = True
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != 2 or not _CODE.match(parts[0]) or not parts[1]:
            raise bad(n, f"应为“6位代码,名称”：{line!r}", f"'six-digit code,name' expected: {line!r}")
        code, name = parts
        if code == "000000":
            raise bad(n, "000000 不是行政区划", "000000 is not a division")
        if code in names:
            raise bad(n, f"代码 {code} 重复", f"code {code} appears twice")
        names[code] = name
    _check_whole(origin, meta, names)
    return DivisionTable(names, meta["year"], meta["source"], meta.get("as_of", ""))


def _check_whole(origin: str, meta: dict[str, str], names: dict[str, str]) -> None:
    if not meta.get("source"):
        raise MalformedDivisionTable(origin, "缺少“# source:”（来源）", "the '# source:' header is missing")
    if not _YEAR.match(meta.get("year", "")):
        raise MalformedDivisionTable(
            origin, "缺少“# year:”（四位年份）", "the '# year:' header (4 digits) is missing"
        )
    if not any(not c.endswith("00") for c in names):
        raise MalformedDivisionTable(origin, "没有县级行政区划", "no county-level division is listed")
    for code in names:
        if code[:2] + "0000" not in names:
            raise MalformedDivisionTable(
                origin,
                f"{code} 所属省级行政区 {code[:2]}0000 未列出",
                f"{code}'s province {code[:2]}0000 is not listed",
            )


def load(path: str | Path) -> DivisionTable:
    """The table in the file at `path` (MalformedDivisionTable when unreadable or malformed)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedDivisionTable(str(path), f"无法读取（{exc}）", f"cannot be read ({exc})") from exc
    return parse(text, str(path))
