"""Register files and register authority (issue 17 point 4): what a file must hold, every problem named
in Chinese and English; who may publish each kind, from this deployment's own table.

Seeds quoted:
  004:49  已被民政部列为全国实验区的单位不再申报省级实验区 (national zones: the ministry's list)
  001:499 民政部确定的全国农村社区建设实验单位 (rural experimental units: the ministry's list)
  003:29  全国基层政权和社区建设专家委员会或山东省基层政权建设和社区治理专家委员会委员作为指导专家
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from shared.errors import Refused
from shared.events.envelope import Envelope
from shared.events.schemas.registers import RegisterEntry, RegisterPublished
from shared.programmes.loader import DEFINITIONS, DefinitionError, default_catalogue, load_catalogue
from shared.registers.file import read_register
from shared.registers.kinds import holder_of, register_kinds
from shared.security.policy import authority_problem

SAMPLES = Path(__file__).resolve().parents[2] / "deploy" / "registers"
NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)
HEAD = 'kind = "national-zones"\nsource = "民函〔2011〕1号（示例）"\npublished_on = 2011-03-01\n'


def toml(tmp_path: Path, text: str, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path, kind: str = "national-zones", **options: str) -> list[tuple[str, str | None]]:
    with pytest.raises(Refused) as err:
        read_register(path, kind, **options)
    assert all(r.message_zh and r.message_en for r in err.value.reasons)
    return [(r.code, r.field) for r in err.value.reasons]


def test_the_holders_are_the_ministry_and_shandong() -> None:
    assert {k: holder_of(k) for k in register_kinds()} == {
        "national-zones": "000000",  # 004:49 已被民政部列为全国实验区
        "rural-experimental-units": "000000",  # 001:499 民政部确定的全国农村社区建设实验单位
        "shandong-expert-committees": "370000",  # 003:29, Shandong's programme
    }
    assert holder_of("unheard-of") is None
    assert register_kinds()["shandong-expert-committees"].committees == (
        "全国基层政权和社区建设专家委员会",
        "山东省基层政权建设和社区治理专家委员会",
    )


def test_the_shipped_samples_read_and_say_they_are_fictional() -> None:
    national = read_register(SAMPLES / "national-zones.sample.toml", "national-zones")
    assert [e.code for e in national.entries] == ["220104", "220102"] and "虚构" in national.source
    experts = read_register(SAMPLES / "shandong-expert-committees.sample.toml", "shandong-expert-committees")
    assert [e.name for e in experts.entries] == ["王振华", "李示例"] and "fictional" in experts.source
    rural = read_register(
        SAMPLES / "rural-experimental-units.sample.csv", "rural-experimental-units",
        source="示例（虚构）/ sample", published_on="2026-12-01",
    )  # fmt: skip
    assert [(e.code, e.name) for e in rural.entries] == [
        ("370112", "济南市历城区"),
        ("370124", "济南市平阴县"),
    ]
    assert rural.published_on == date(2026, 12, 1)


def test_every_problem_of_a_file_is_named_at_once(tmp_path: Path) -> None:
    bad = toml(tmp_path, 'kind = "rural-experimental-units"\npublished_on = "昨天"\ncolour = 1\n'
               '[[entries]]\ncode = "37010"\nname = "历下区"\n[[entries]]\nname = "x"\ncode = "370102"\n'
               '[[entries]]\ncode = "370102"\nname = "济南市历下区"\nphone = "1"\n')  # fmt: skip
    assert refusal(bad) == [
        ("unknown_field", None),
        ("wrong_kind", "kind"),
        ("source_missing", "source"),
        ("date_missing", "published_on"),
        ("invalid_code", "entries.1"),
        ("name_missing", "entries.2"),
        ("unknown_field", "entries.3"),
    ]


def test_files_that_cannot_be_read_or_hold_nothing_are_refused(tmp_path: Path) -> None:
    assert refusal(toml(tmp_path, "kind = [")) == [("not_toml", "file")]
    assert refusal(toml(tmp_path, HEAD)) == [("entries_missing", "entries")]
    assert refusal(tmp_path / "absent.toml") == [("unreadable_file", "file")]
    assert refusal(toml(tmp_path, HEAD), "atlantis") == [("unknown_register_kind", "kind")]
    unknown = HEAD + '[[entries]]\ncode = "379999"\nname = "不存在区"\n'  # well-formed, not a division
    assert refusal(toml(tmp_path, unknown)) == [("unknown_code", "entries.1")]
    twice = HEAD + '[[entries]]\ncode = "110101"\nname = "东城区"\n' * 2
    assert refusal(toml(tmp_path, twice)) == [("duplicate_entry", "entries.2")]
    assert refusal(toml(tmp_path, HEAD), source="别的来源") == [("conflicting_option", "source")]


def test_a_csv_needs_its_source_and_date_beside_it(tmp_path: Path) -> None:
    csv = toml(tmp_path, "\ufeffcode,name\n110101,北京市东城区\n", "r.csv")
    assert refusal(csv) == [("source_missing", "source"), ("date_missing", "published_on")]
    read = read_register(csv, "national-zones", source="民函（示例）", published_on="2011-03-01")
    assert [(e.code, e.name, e.batch) for e in read.entries] == [("110101", "北京市东城区", None)]


def test_a_roster_names_members_of_the_recognised_committees_only(tmp_path: Path) -> None:
    """003:29 全国基层政权和社区建设专家委员会或山东省基层政权建设和社区治理专家委员会委员."""
    head = HEAD.replace("national-zones", "shandong-expert-committees")
    national = "全国基层政权和社区建设专家委员会"
    roster = toml(tmp_path, head + '[[entries]]\nname = "张三"\ncommittee = "某某协会"\n'
                  f'[[entries]]\nname = "李四 13800000000"\ncommittee = "{national}"\n')  # fmt: skip
    assert refusal(roster, "shandong-expert-committees") == [
        ("committee_not_recognised", "entries.1"),
        ("not_a_name", "entries.2"),
    ]


def envelope(event: RegisterPublished, sender: str) -> Envelope:
    return Envelope.wrap(event, source=f"/jurisdictions/{sender}", time=NOW)


def test_only_the_holders_intake_may_publish_a_register() -> None:
    entry = RegisterEntry(code="220104", name="长春市朝阳区")
    national = RegisterPublished(kind="national-zones", version=1, holder="000000", source="s",
                                 published_on=date(2027, 1, 4), entries=[entry], loaded_at=NOW)  # fmt: skip
    experts = national.model_copy(update={"kind": "shandong-expert-committees", "holder": "370000"})
    cat = default_catalogue()
    allowed = [(national, "000000/intake"), (experts, "370000/intake")]
    assert [authority_problem(envelope(e, s), e, cat) for e, s in allowed] == [None, None]
    refused = [
        (national, "370000/intake"),
        (national, "000000/review"),
        (national.model_copy(update={"holder": "370000"}), "370000/intake"),
        (experts, "000000/intake"),
        (national.model_copy(update={"kind": "atlantis"}), "000000/intake"),
    ]
    problems = [authority_problem(envelope(e, s), e, cat) for e, s in refused]
    assert all(problems) and len(problems) == 5, problems


def test_a_definition_naming_an_unknown_or_unfit_register_stops_start_up(tmp_path: Path) -> None:
    text = (DEFINITIONS / "rural-full-coverage.v1.toml").read_text(encoding="utf-8")
    for wrong, message in [
        ("atlantis", "no register kind 'atlantis'"),
        ("shandong-expert-committees", "members"),
    ]:
        folder = tmp_path / wrong
        folder.mkdir()
        for f in DEFINITIONS.glob("*.toml"):
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        changed = text.replace(
            'admission_register = "rural-experimental-units"', f'admission_register = "{wrong}"'
        )
        (folder / "rural-full-coverage.v1.toml").write_text(changed, encoding="utf-8")
        with pytest.raises(DefinitionError) as err:
            load_catalogue(folder)
        assert err.value.field == "admission_register" and message in err.value.reason
