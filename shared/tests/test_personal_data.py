"""Issue 7, personal data: no event field may carry a person's name or contact details unless it is
listed here with the reason it may; references and masks stand in for people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel

import shared.events.schemas  # noqa: F401  (registers every event type)
from shared.events.registry import EVENT_TYPES
from shared.personal_data import as_person_ref, is_person_ref, mask_address, mask_text, person_ref

PERSONAL = re.compile(
    r"(^|_)(names?|phones?|mobile|tel|telephone|fax|e?mails?|mailbox|address(es)?|addr|contacts?|persons?|"
    r"people|reviewers?|assignee|experts?|officers?|liaison|author|user(name)?|signer|by|passport|identity|"
    r"birth(day|date)?|wechat|qq|id_?(card|no|number))(_|$)"
)
REFERENCE = "a person reference (person_ref), never the name: the owning service keeps the name"
ALLOWED: dict[str, str] = {
    # "Class.field" for one model's field, "field" wherever it appears.
    "ApplicantRef.name": "an applicant unit's name (a county, district or city government): institutional",
    "unit_name": "a demonstration unit's (district, street, community) name: institutional",
    "stage_name": "a review stage's name from the programme definition",
    "outcome_name": "an outcome's name from the programme definition",
    "into_name_zh": "a recommendation target's name from the programme definition",
    "unit_type_name": "a unit type's name from the programme definition",
    "contact_email": "the unit's public mailbox (非个人邮箱); notify tells the applicant there",
    "decided_by": "a jurisdiction code",
    "filed_by": "a jurisdiction code",
    "designated_by": "a jurisdiction code",
    "reviewer_jurisdiction": "a jurisdiction code",
    "inspected_by": "a jurisdiction code",
    "follow_up_by": "a date",
    "inspector": REFERENCE,
    "liaison_jurisdiction": "a jurisdiction code",
    "reviewer": REFERENCE,
    "assignee": REFERENCE,
    "guidance_expert": REFERENCE,
    "RegisterEntry.name": "a register's unit name (institutional), or an expert committee member's name as "
    "the authority's published roster (公开名单) gives it: a public office, never contacts (a name with "
    "digits or @ is refused when the file is loaded); issue 17 point 4",
    "NotificationFailed.address": "masked by mask_address (w***@example.org, https://host/…)",
}


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models(arg)


def _fields(model: type[BaseModel]) -> Iterator[tuple[str, str, str]]:
    """(model name, field name, description) of every field, nested models' fields included."""
    for name, info in model.model_fields.items():
        yield model.__name__, name, info.description or ""
        for nested in _models(info.annotation):
            yield from _fields(nested)


def _every_field() -> set[tuple[str, str, str]]:
    return {f for cls in EVENT_TYPES.values() for f in _fields(cls)}


def test_no_event_field_looks_personal_unless_allowed_with_a_reason() -> None:
    offending = sorted(
        f"{owner}.{name}"
        for owner, name, _ in _every_field()
        if PERSONAL.search(name) and f"{owner}.{name}" not in ALLOWED and name not in ALLOWED
    )
    assert not offending, f"fields that may hold personal data: {offending}; rename, or allow with a reason"


def test_the_allowlist_has_no_stale_entries_and_references_are_documented_as_such() -> None:
    fields = _every_field()
    used = {f"{owner}.{name}" for owner, name, _ in fields} | {name for _, name, _ in fields}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)
    for owner, name, description in fields:
        if ALLOWED.get(name) == REFERENCE:
            assert "person reference" in description and "never the name" in description, f"{owner}.{name}"


def test_the_guard_would_catch_the_usual_suspects() -> None:
    suspects = ("contact_name", "phone", "mobile", "id_card", "idcard", "email", "address", "home_addr")
    for name in (*suspects, "liaison_officer", "expert_names", "reviewed_by", "officer_tel", "wechat"):
        assert PERSONAL.search(name), name
    for name in (
        "title",
        "theme",
        "document_no",
        "authority",
        "level_above",
        "application_id",
        "reference_no",
    ):
        assert not PERSONAL.search(name), name


def test_a_person_is_referred_to_not_named() -> None:
    ref = person_ref("reviewer", "370100", "5d8e3c1a-7b2f-4e6d-9c0a-1f4b8a2e6d37")
    assert ref == "reviewer:370100:5d8e3c1a" and is_person_ref(ref)
    assert not is_person_ref("李审核") and not is_person_ref("山东省民政厅 赵强") and not is_person_ref(None)
    assert as_person_ref("李审核", "reviewer", "370100", "5d8e3c1a-7b2f") == ref
    assert (
        as_person_ref(ref, "reviewer", "370000", "ffffffff") == ref
        and as_person_ref(None, "r", "1", "2") is None
    )


def test_addresses_and_errors_leave_masked() -> None:
    assert mask_address("wang.li@example.org") == "w***@example.org"
    assert (
        mask_address("https://u:p@oa.sdmz.gov.cn:8443/hooks/zones?token=s3cret")
        == "https://oa.sdmz.gov.cn:8443/…"
    )
    assert mask_address(None) is None and mask_address("not an address") == "***"
    error = "SMTPRecipientsRefused: {'wang.li@example.org': (550, 'no')} via https://relay.example.org/x?k=1"
    masked = mask_text(error)
    assert masked is not None and "wang.li" not in masked and "k=1" not in masked
    assert "w***@example.org" in masked and "https://relay.example.org/…" in masked


def test_a_dead_letter_reason_quoting_input_is_masked() -> None:
    from shared.messaging.dead_letter import dead_letter_headers

    headers = dead_letter_headers(
        [("ce_type", b"x")],
        consumer="notify",
        reason="handler failed: ValueError('bad mailbox wang.li@example.org, call 13812345678')",
        topic="zones.applications.v1",
        partition=0,
        offset=7,
        attempts=5,
    )
    reason = headers["x-dlq-reason"]
    assert "wang.li@" not in reason and "13812345678" not in reason
    assert "w***@example.org" in reason and "138****5678" in reason and headers["ce_type"] == "x"
