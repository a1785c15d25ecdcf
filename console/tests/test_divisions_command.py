"""`zones divisions`: show the table in force and a code in it; check a newer year's file (what changes),
refusing a malformed one in Chinese and English with exit 2; a service refuses to start on one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from console.cli import app
from shared import jurisdictions as j
from shared.divisions.table import SHIPPED
from shared.settings import Settings


def test_show_names_the_table_and_a_code() -> None:
    table = CliRunner().invoke(app, ["divisions", "show"])
    assert table.exit_code == 0 and "2026年" in table.output and "2847 county-level" in table.output
    code = CliRunner().invoke(app, ["divisions", "show", "429004"])
    assert code.exit_code == 0 and "仙桃市" in code.output and "parent 420000" in code.output
    unknown = CliRunner().invoke(app, ["divisions", "show", "379999"])
    assert unknown.exit_code == 1 and "不在2026年" in unknown.output


def test_check_lists_what_a_newer_year_changes(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("# year: 2026", "# year: 2027")
    newer = tmp_path / "gbt2260-2027.csv"
    newer.write_text(text.replace("370117,钢城区\n", "") + "370199,新设区\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["divisions", "check", str(newer)])
    assert done.exit_code == 0, done.output
    assert "2027年" in done.output and "1 added, 1 removed, 0 renamed" in done.output
    assert "- 370117 钢城区" in done.output and "+ 370199 新设区" in done.output
    assert f"ZONES_DIVISIONS_FILE={newer}" in done.output


def test_a_malformed_file_is_refused_by_check_and_at_start(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("# source: x\n# year: 2027\ncode,name\n37010,历下区\n", encoding="utf-8")
    refused = CliRunner().invoke(app, ["divisions", "check", str(bad)])
    assert refused.exit_code == 2
    assert "第4行" in refused.output and "'six-digit code,name' expected" in refused.output
    with pytest.raises(ValidationError, match="第4行"):
        Settings(divisions_file=str(bad))
    assert j.division_table().year == "2026"  # nothing was changed
