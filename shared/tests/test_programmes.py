from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.programmes.loader import DefinitionError, default_catalogue, load_file


def test_shandong_definition_has_the_seed_rules() -> None:
    p = default_catalogue().get("shandong-zones")
    assert p is not None
    assert p.owner == "370000" and p.plan_min_characters == 4000 and p.max_period_months == 24
    assert sum(t.category == "urban" for t in p.themes) == 22
    assert sum(t.category == "rural" for t in p.themes) == 10
    assert [s.key for s in p.route] == [
        "prefecture_review",
        "preliminary_review",
        "formal_recommendation",
        "evaluation",
    ]
    assert p.stage_owner(p.route[0], "370103") == "370100"
    assert p.stage_owner(p.route[1], "370103") == "370000"


def test_window_is_read_in_china_time() -> None:
    p = default_catalogue().get("shandong-zones")
    assert p is not None
    assert p.window.is_open(datetime(2027, 6, 30, 15, 59, tzinfo=UTC))  # 23:59 on 30 June in Beijing
    assert not p.window.is_open(datetime(2027, 6, 30, 16, 0, tzinfo=UTC))  # 00:00 on 1 July


def test_a_malformed_definition_names_file_field_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "x.v1.toml"
    path.write_text('key = "x"\nversion = 1\nowner = "37"\n', encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_file(path)
    assert err.value.path == path and err.value.field


def test_a_definition_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.v1.toml"
    path.write_text("key = ", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not valid TOML"):
        load_file(path)
