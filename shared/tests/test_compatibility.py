"""The compatibility gate fails on each kind of breaking change and passes an optional addition or a
version bump that keeps the old type served; and the code today matches the published release."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from shared.events.compatibility import current_schemas, main, plain, problems, published_schemas
from shared.events.registry import EVENT_TYPES


class Ref(BaseModel):
    code: str
    name: str


class V1(BaseModel):
    zone_id: str
    applicant: Ref
    due_on: date
    outcome: Literal["accepted", "returned"]
    note: str | None = None


class Removed(BaseModel):
    zone_id: str
    applicant: Ref
    outcome: Literal["accepted", "returned"]
    note: str | None = None


class Renamed(BaseModel):
    zone_id: str
    applicant: Ref
    due_date: date
    outcome: Literal["accepted", "returned"]
    note: str | None = None


class Retyped(BaseModel):
    zone_id: str
    applicant: Ref
    due_on: str
    outcome: Literal["accepted", "returned"]
    note: str | None = None


class RetypedDeep(BaseModel):
    zone_id: str
    applicant: dict[str, Any]
    due_on: date
    outcome: Literal["accepted", "returned"]
    note: str | None = None


class NewRequired(V1):
    period: int


class EnumValueRemoved(BaseModel):
    zone_id: str
    applicant: Ref
    due_on: date
    outcome: Literal["accepted"]
    note: str | None = None


class NoLongerRequired(BaseModel):
    zone_id: str
    applicant: Ref
    due_on: date | None = None
    outcome: Literal["accepted", "returned"]
    note: str | None = None


class OptionalAdded(V1):
    reviewer: str | None = None
    copies: int = 1


class EnumValueAdded(BaseModel):
    zone_id: str
    applicant: Ref
    due_on: date
    outcome: Literal["accepted", "returned", "withdrawn"]
    note: str | None = None


T = "zones.thing.happened.v1"
T2 = "zones.thing.happened.v2"


def _gate(new: type[BaseModel], *, also: dict[str, type[BaseModel]] | None = None) -> list[str]:
    current = {T: new.model_json_schema(), **{k: m.model_json_schema() for k, m in (also or {}).items()}}
    return problems({T: V1.model_json_schema()}, current)


@pytest.mark.parametrize(
    ("model", "says"),
    [
        (Removed, "$.properties.due_on: Property removed"),
        (Renamed, "$.properties.due_on: Property removed"),
        (Retyped, "$.properties.due_on: Schema type changed (string/date → string)"),
        (RetypedDeep, "$.properties.applicant.properties.code: Property removed"),
        (NewRequired, "$.required.period: Field became required"),
        (EnumValueRemoved, "$.properties.outcome.properties.enum:returned: Property removed"),
        (NoLongerRequired, "$.properties.due_on: Schema type changed (string/date → string/date|null)"),
    ],
)
def test_each_breaking_kind_fails_the_gate(model: type[BaseModel], says: str) -> None:
    found = _gate(model)
    assert found and any(line.startswith(f"{T}: {says}") for line in found), found


def test_an_optional_addition_and_a_new_enum_value_pass() -> None:
    assert _gate(OptionalAdded) == [] and _gate(EnumValueAdded) == [] and _gate(V1) == []


def test_a_breaking_change_passes_as_a_new_version_beside_the_old_one() -> None:
    assert (
        problems({T: V1.model_json_schema()}, {T: V1.model_json_schema(), T2: Removed.model_json_schema()})
        == []
    )
    gone = problems({T: V1.model_json_schema()}, {T2: Removed.model_json_schema()})
    assert gone == [f"{T}: no longer served (keep it until a release retires it)"]


def test_the_plain_shape_sees_formats_nullability_references_and_enums() -> None:
    shape = plain(V1.model_json_schema(), V1.model_json_schema())
    props = shape["properties"]
    assert props["due_on"]["type"] == "string/date" and props["note"]["type"] == "string|null"
    assert set(props["applicant"]["properties"]) == {"code", "name"}
    assert set(props["outcome"]["properties"]) == {"enum:accepted", "enum:returned"}


def test_the_code_is_compatible_with_the_published_release(capsys: pytest.CaptureFixture[str]) -> None:
    published, current = published_schemas(), current_schemas()
    # a type added since the release is new, not a change: every published one is still here
    assert len(current) == len(EVENT_TYPES) >= len(published) > 0 and set(published) <= set(current)
    assert problems(published, current) == []
    assert main(["compatibility", "check"]) == 0
    assert f"checked {len(published)} published event types: 0 breaking change(s)" in capsys.readouterr().out
