"""Reading a register file an operator loads (TOML, or CSV with the source and date given beside it).

Every problem is collected and reported at once, in Chinese and English (`Refused`), and nothing is
loaded. Format: docs/registers.md.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import Any

from shared.errors import Refused
from shared.registers.content import RegisterContent, check, problem
from shared.registers.kinds import register_kind, register_kinds


def read_register(
    path: Path, kind: str, *, source: str | None = None, published_on: str | None = None
) -> RegisterContent:
    """The register in `path` (`.toml` or `.csv`) checked as `kind`; Refused listing every problem."""
    spec = register_kind(kind)
    if spec is None:
        known = ", ".join(register_kinds())
        raise Refused(
            [
                problem(
                    "unknown_register_kind",
                    f"没有这种名录：{kind}（可用：{known}）",
                    f"no register kind {kind!r} (known: {known})",
                    "kind",
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(
            [
                problem(
                    "unreadable_file",
                    f"无法读取文件（须为UTF-8文本）：{exc}",
                    f"cannot read the file (UTF-8 text expected): {exc}",
                    "file",
                )
            ]
        ) from exc
    raw = (
        _csv(text, source, published_on)
        if path.suffix.lower() == ".csv"
        else _toml(text, source, published_on)
    )
    return check(raw, spec)


def _toml(text: str, source: str | None, published_on: str | None) -> dict[str, Any]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Refused(
            [problem("not_toml", f"不是有效的TOML：{exc}", f"not valid TOML: {exc}", "file")]
        ) from exc
    for key, given in (("source", source), ("published_on", published_on)):
        if given is not None and key in raw and str(raw[key]) != given:
            raise Refused(
                [
                    problem(
                        "conflicting_option",
                        f"文件中的 {key} 与命令行参数不一致",
                        f"{key} in the file differs from the option given",
                        key,
                    )
                ]
            )
        if given is not None:
            raw.setdefault(key, given)
    return raw


def _csv(text: str, source: str | None, published_on: str | None) -> dict[str, Any]:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    entries = [
        {k.strip(): (v or "").strip() for k, v in row.items() if k and (v or "").strip()} for row in rows
    ]
    return {"source": source, "published_on": published_on, "entries": entries}
