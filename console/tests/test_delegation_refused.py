"""`zones serve` and `zones doctor` refuse a ZONES_DELEGATED outside the jurisdiction, in both languages,
before touching anything (no database, no broker here)."""

from __future__ import annotations

from typer.testing import CliRunner

from console.cli import app


def test_serve_and_doctor_refuse_a_delegation_outside_the_jurisdiction() -> None:
    runner = CliRunner()
    env = {"ZONES_JURISDICTION": "370000", "ZONES_DELEGATED": "220100"}
    answers = [runner.invoke(app, [cmd, "notify"], env=env) for cmd in ("serve", "doctor")]
    assert [a.exit_code for a in answers] == [2, 1]
    for answer in answers:
        assert "不是 370000 辖区内的下级行政区划代码" in answer.output
        assert "'220100' is not the code of a jurisdiction strictly inside 370000" in answer.output
