from datetime import UTC, datetime

import pytest

from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ReviewStageDecided
from shared.programmes.loader import default_catalogue
from shared.security.policy import authority_problem
from shared.tests.test_envelope import designated

NOW = datetime(2027, 6, 1, tzinfo=UTC)
CAT = default_catalogue()


def decided(stage: str, by: str) -> ReviewStageDecided:
    return ReviewStageDecided(
        task_id="t", application_id="a", programme="shandong-zones", programme_version=1, stage=stage,
        stage_name="s", outcome="pass", outcome_name="通过", effect="advance", decided_by=by, reviewer="r",
        opinion="o", applicant=ApplicantRef(code="370103", name="济南市市中区"), title="t", theme="x",
        decided_at=NOW,
    )  # fmt: skip


def env_of(event: object, source: str) -> Envelope:
    return Envelope.wrap(event, source=source, time=NOW)  # type: ignore[arg-type]


def test_the_stage_owner_may_decide_it() -> None:
    e = decided("prefecture_review", "370100")
    assert authority_problem(env_of(e, "/jurisdictions/370100/review"), e, CAT) is None


def test_another_jurisdiction_may_not_decide_a_stage_it_does_not_own() -> None:
    e = decided("preliminary_review", "370100")  # the province's stage
    assert authority_problem(env_of(e, "/jurisdictions/370100/review"), e, CAT)


def test_a_county_cannot_designate() -> None:
    e = designated().model_copy(update={"designated_by": "370103"})
    assert authority_problem(env_of(e, "/jurisdictions/370103/review"), e, CAT)
    ok = designated()
    assert authority_problem(env_of(ok, "/jurisdictions/370000/review"), ok, CAT) is None


def test_an_event_type_comes_from_its_own_service() -> None:
    ok = designated()
    assert "review service" in (authority_problem(env_of(ok, "/jurisdictions/370000/intake"), ok, CAT) or "")


def test_every_registered_event_type_has_an_authority_rule() -> None:
    from shared.events.registry import EVENT_TYPES
    from shared.security.policy import RULES

    missing = sorted(set(EVENT_TYPES) - set(RULES))
    assert missing == [], f"event types without an authority rule (refused everywhere): {missing}"
    assert len(EVENT_TYPES) == 19 and set(RULES) == set(EVENT_TYPES)


def test_a_type_without_a_rule_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.security import policy

    ok = designated()
    monkeypatch.delitem(policy.RULES, ok.type)
    assert "no authority rule" in (
        authority_problem(env_of(ok, "/jurisdictions/370000/review"), ok, CAT) or ""
    )


def test_a_malformed_code_in_the_payload_is_refused_not_raised() -> None:
    e = decided("prefecture_review", "370100").model_copy(
        update={"applicant": ApplicantRef(code="37010x", name="?")}
    )
    assert authority_problem(env_of(e, "/jurisdictions/370100/review"), e, CAT)
