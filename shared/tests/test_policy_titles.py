"""Issue 17: authority over what is not a zone. A registered unit's title was conferred by the ministry
(001:385 民政部命名表彰) and only it withdraws it, on a liaising level's proposal (001:425
建议取消示范单位称号); an achievement (002:10) or a rural title (001:499) is recognised, never designated."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef, ZoneDesignated, ZoneRequestDecided, ZoneRequestFiled
from shared.programmes.loader import default_catalogue
from shared.security.policy import authority_problem

NOW = datetime(2028, 1, 13, tzinfo=UTC)
CAT = default_catalogue()
STREET: dict[str, Any] = dict(
    zone_id="u-1", application_id="u-1", programme="harmonious-demo-liaison", programme_version=1,
    applicant=ApplicantRef(code="370103", name="济南市市中区大观园街道"),
)  # fmt: skip


def proposal(kind: str = "revocation", **over: Any) -> ZoneRequestFiled:
    data = dict(
        STREET, request_id="r", kind=kind, title="全国和谐社区建设示范街道", summary="建议取消示范单位称号。",
        authority="000000", filed_by="370000", filed_at=NOW,
    )  # fmt: skip
    return ZoneRequestFiled(**{**data, **over})


def decision(by: str, kind: str = "revocation") -> ZoneRequestDecided:
    outcome = "revoked" if kind == "revocation" else "approved"
    return ZoneRequestDecided(
        **STREET, request_id="r", kind=kind, outcome=outcome, decided_by=by, reviewer="r", opinion="o",
        decided_at=NOW,
    )  # fmt: skip


def problem(event: Event, source: str) -> str | None:
    return authority_problem(Envelope.wrap(event, source=source, time=NOW), event, CAT)


def test_a_liaising_level_proposes_and_only_the_title_holder_decides() -> None:
    """001:425 建议取消示范单位称号 by the liaison (province, county or ministry, 001:405–409); 001:385."""
    shandong = "/jurisdictions/370000/monitoring"
    assert problem(proposal(), shandong) is None
    assert problem(proposal(filed_by="370103"), "/jurisdictions/370103/monitoring") is None  # its district
    assert "does not decide a revocation" in (problem(proposal(authority="370000"), shandong) or "")
    assert "not 370100" in (problem(proposal(filed_by="370100"), shandong) or "")  # no prefecture liaises
    assert problem(decision("000000"), "/jurisdictions/000000/review") is None
    for liaison in ("370000", "370103"):
        found = problem(decision(liaison), f"/jurisdictions/{liaison}/review") or ""
        assert (
            found == f"{liaison} does not decide a revocation request about 370103 in harmonious-demo-liaison"
        )


def test_other_requests_about_a_unit_stay_with_its_liaison() -> None:
    """Only the title is the ministry's (001:385); the liaison keeps deciding the rest (001:417)."""
    assert problem(decision("370000", "termination"), "/jurisdictions/370000/review") is None
    assert (
        problem(
            proposal("termination", authority="370000", filed_by="370103"), "/jurisdictions/370000/monitoring"
        )
        is None
    )


def test_nobody_designates_an_achievement_or_a_rural_title_as_a_zone() -> None:
    """002:10 十大创新成果/提名成果 and 001:499 示范单位 are recognised, not designated as 实验区."""
    checked = 0
    for programme, code in (("top10-innovation", "220104"), ("rural-full-coverage", "370124")):
        e = ZoneDesignated(
            zone_id="z", application_id="a", programme=programme, programme_version=1,
            applicant=ApplicantRef(code=code, name="某区"), title="t", theme="", designated_by="000000",
            document_no="民函〔2027〕1号", designated_at=NOW, period_start=date(2028, 1, 13),
            period_end=date(2028, 1, 13),
        )  # fmt: skip
        assert (
            problem(e, "/jurisdictions/000000/review") == f"000000 cannot designate for {code} in {programme}"
        )
        checked += 1
    assert checked == 2


def test_only_the_title_holder_opens_a_task_to_withdraw_a_title() -> None:
    """001:385: the ministry's review queues the proposal; the liaison's review may not claim one."""
    from shared.events.schemas import ReviewTaskOpened

    def opened(by: str) -> ReviewTaskOpened:
        return ReviewTaskOpened(
            task_id="t", application_id="u-1", programme="harmonious-demo-liaison",
            stage="request:revocation", stage_name="取消示范单位称号建议", reviewer_jurisdiction=by,
            applicant=STREET["applicant"], title="全国和谐社区建设示范街道", due_on=date(2028, 2, 12),
        )  # fmt: skip

    assert problem(opened("000000"), "/jurisdictions/000000/review") is None
    assert problem(opened("370000"), "/jurisdictions/370000/review") == (
        "370000 does not own stage request:revocation for 370103"
    )
