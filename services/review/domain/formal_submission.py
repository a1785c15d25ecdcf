"""逐级推荐 (003:35): after the preliminary review passes, the applicant formally sends the stage's owner
(the prefecture) its 申报表 in the name of its Party committee and government; the owner may pass the
application on only once it has. Kept in the owner's own case history (the name of the section head
stays with this instance: only that a formal submission arrived travels, in the decision's opinion)."""

from __future__ import annotations

import re
from datetime import datetime

from services.review.domain.case import Case, HistoryEntry
from shared.errors import Conflict, Reason, Refused
from shared.programmes.model import Stage

FILED = "formally_submitted"
MAILBOX = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def _check(stage: Stage, form: dict[str, str]) -> list[Reason]:
    out = [
        Reason(
            "form_field_missing",
            f"申报表须填写“{f.name_zh}”",
            f"the form needs: {f.name_en}",
            f"form.{f.key}",
        )
        for f in stage.applicant_form
        if not form.get(f.key, "").strip()
    ]
    out += [
        Reason("form_field_unknown", f"申报表没有“{k}”这一项", f"the form has no field {k!r}", f"form.{k}")
        for k in sorted(set(form) - {f.key for f in stage.applicant_form})
    ]
    named = form.get("in_name_of", "")
    if named.strip() and not ("委" in named and "政府" in named):
        out.append(
            Reason(
                "not_in_the_name_of_party_and_government",
                "须以党委和政府名义正式行文报送",
                "the form is sent in the name of the Party committee and the government",
                "form.in_name_of",
            )
        )
    mailbox = form.get("public_mailbox", "").strip()
    if mailbox and not MAILBOX.match(mailbox):
        out.append(
            Reason(
                "mailbox_invalid",
                "公共邮箱格式不正确",
                "the public mailbox is not an address",
                "form.public_mailbox",
            )
        )
    return out


def file_form(case: Case, stage: Stage, who: str, me: str, form: dict[str, str], now: datetime) -> None:
    """Record the applicant's formal submission for the stage the case is at, filed by the applicant
    itself or registered by the owner (`me`) on receiving the paper letter; Refused listing every
    reason, Conflict when it was filed already for this stage."""
    if who not in (case.applicant_code, me):
        raise Refused(
            [
                Reason(
                    "not_the_applicant",
                    f"只有申报单位或本级（{me}）可以登记其正式报送",
                    f"only the applicant, or {me} on receiving its letter, files the form",
                )
            ]
        )
    if case.stage != stage.key or not stage.applicant_form:
        raise Conflict(
            [
                Reason(
                    "no_form_asked",
                    f"该申报当前环节（{case.stage or case.status}）不需报送申报表",
                    f"the application's current stage ({case.stage or case.status}) asks for no form",
                )
            ]
        )
    reasons = _check(stage, form)
    if reasons:
        raise Refused(reasons)
    if filed_at(case, stage) is not None:
        raise Conflict([Reason("form_already_filed", "申报表已正式报送", "the form was filed already")])
    text = "；".join(f"{f.name_zh}：{form[f.key].strip()}" for f in stage.applicant_form)
    case.history.append(HistoryEntry(now, f"{FILED}:{stage.key}", who, text))


def filed_at(case: Case, stage: Stage) -> datetime | None:
    """When the applicant formally filed the stage's form (since the case last reached the stage)."""
    what = f"{FILED}:{stage.key}"
    found = [h.at for h in case.history if h.what == what]
    return found[-1] if found else None


def form_missing(case: Case, stage: Stage) -> list[Reason]:
    """Why the owner may not pass the application on yet: the applicant's form has not arrived."""
    if not stage.applicant_form or filed_at(case, stage) is not None:
        return []
    return [
        Reason(
            "applicant_form_missing",
            f"申报单位尚未以党委和政府名义正式报送《{stage.applicant_form_name_zh or '申报表'}》",
            "the applicant has not yet formally sent its application form in the name of its Party "
            "committee and government",
            "outcome",
        )
    ]
