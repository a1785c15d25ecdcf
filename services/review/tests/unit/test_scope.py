"""Review's scope: its applicants, applications whose route gives it a stage, what it decides itself."""

from __future__ import annotations

from functools import partial

from services.review.domain.scope import concerns
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef
from shared.programmes.loader import default_catalogue
from shared.territory import Territory
from shared.tests.genuine_events import GENUINE, NOW
from shared.tests.scope_cases import ABOUT_AN_APPLICANT, kept

CATALOGUE = default_catalogue()
REVIEW = partial(concerns, CATALOGUE)


def test_review_keeps_its_applicants_and_its_own_stages() -> None:
    for mine in ("000000", "370000", "370100"):  # 000000 owns all
        assert kept(REVIEW, Territory.of(mine)) == ABOUT_AN_APPLICANT, mine
    # Jinan delegated, Shandong still gives the provincial stage of a Jinan application in its programme
    delegated = kept(REVIEW, Territory.of("370000", "370100"))
    assert delegated == ABOUT_AN_APPLICANT - {"demonstration_unit.registered"} and len(delegated) == 17
    assert kept(REVIEW, Territory.of("220000")) == set()


def test_a_national_application_of_a_delegated_province_still_reaches_the_ministrys_stage() -> None:
    submitted = next(e for e, _ in GENUINE if e.type == "zones.application.submitted.v1")
    national = submitted.model_copy(update={"programme": "national-zones", "programme_version": 1})
    jilin = national.model_copy(update={"applicant": ApplicantRef(code="220104", name="长春市朝阳区")})
    env = Envelope.wrap(national, source="/jurisdictions/370000/intake", time=NOW)
    ministry = Territory.of("000000", "370000,220000")
    assert CATALOGUE.get("national-zones") is not None
    assert concerns(CATALOGUE, ministry, env, national) and concerns(CATALOGUE, ministry, env, jilin)
    assert not concerns(CATALOGUE, ministry, env, submitted)  # Shandong's own programme: not the ministry's
    assert not concerns(CATALOGUE, Territory.of("220000"), env, national)
