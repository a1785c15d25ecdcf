"""Who is told of an event before anyone configures anything: the default rules of DOMAIN.md section 4.

- the applicant (a zone's or a registered unit's own unit), of every event about its application or
  zone (receipt, decisions, designation, what is due, overdue items and warnings, requests and their
  decisions, acceptance, revocation) except review tasks and what the authority itself must do;
- the reviewers (the reviewing jurisdiction), of new tasks in their queue, of tasks near their deadline
  and of their overdue tasks; the designating authority's reviewers, of a zone's filing to review and of
  the authority's own due dates (the acceptance review);
- the level above, of its subordinates' submissions, designations (and registrations) and overdue items
  and warnings: the event's `level_above` or liaising jurisdiction where it names one, else the parent of
  the applicant, or of the reviewer when a review task is overdue;
- the zone's supervising levels, of dynamic management: inspections, progress reports filed at any
  time and revocation proposals name them (`supervisors`, checked against the programme by the gate).

Each rule names a role in a jurisdiction; the service layer reaches that jurisdiction's unit subscriber
(created if missing) and every person registered there with that role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.notify.domain.categories import Category, category_of
from services.notify.domain.model import ApplicationView
from services.notify.domain.subscriber import Role, Subscriber
from shared import jurisdictions as j

TO_THE_LEVEL_ABOVE = frozenset({Category.SUBMISSION, Category.DESIGNATION, Category.OVERDUE})
FILING = "zones.obligation.submitted.v1"  # the designating authority reviews it


@dataclass(frozen=True)
class Target:
    role: Role
    code: str
    unit: Subscriber  # the unit subscriber, as it is created if it does not exist yet


def _code(value: Any) -> str | None:
    try:
        return j.validate(value) if isinstance(value, str) else None
    except j.InvalidJurisdiction:
        return None


def _authority_to_act(event_type: str, data: dict[str, Any]) -> str | None:
    """The designating authority, when the event is for it to act on: a filing, or its own due date."""
    return _code(data.get("authority")) if event_type == FILING or data.get("actor") == "owner" else None


def _jurisdiction(role: Role, code: str) -> Target:
    return Target(role, code, Subscriber.jurisdiction(code, j.name(code)))


def default_targets(event_type: str, data: dict[str, Any], view: ApplicationView | None) -> list[Target]:
    """The (role, jurisdiction) pairs `event` reaches by default, without duplicates."""
    category = category_of(event_type)
    found = data.get("applicant") or data.get("location")  # a registered unit lies in its location
    applicant: dict[str, Any] = found if isinstance(found, dict) else {}
    applicant_code = _code(applicant.get("code"))
    reviewer = _code(data.get("reviewer_jurisdiction"))
    authority = _authority_to_act(event_type, data)
    out: list[Target] = []
    if reviewer and category in (Category.TASK, Category.OVERDUE):
        out.append(_jurisdiction(Role.REVIEWER, reviewer))
    if authority:
        out.append(_jurisdiction(Role.REVIEWER, authority))
    guides = _code(data.get("feedback_to"))  # 003:33: the prefecture guides the applicant's revision
    if guides:
        out.append(_jurisdiction(Role.REVIEWER, guides))
    not_the_applicants = (
        category is Category.TASK
        or (reviewer is not None and category is Category.OVERDUE)
        or data.get("actor") == "owner"
    )
    if applicant_code and not not_the_applicants:
        email = data.get("contact_email") or (view.contact_email if view else None)
        name = data.get("unit_name") or applicant.get("name") or j.name(applicant_code)
        out.append(
            Target(Role.APPLICANT, applicant_code, Subscriber.applicant(applicant_code, str(name), email))
        )
    below = reviewer if (reviewer and category is Category.OVERDUE) else applicant_code
    named = _code(data.get("level_above")) or _code(data.get("liaison_jurisdiction"))
    above = (named or j.parent(below)) if below and category in TO_THE_LEVEL_ABOVE else None
    if above:
        out.append(_jurisdiction(Role.SUPERVISOR, above))
    supervisors = data.get("supervisors")
    for code in supervisors if isinstance(supervisors, list) else ():
        if (found_code := _code(code)) and all(t.code != found_code for t in out):
            out.append(_jurisdiction(Role.SUPERVISOR, found_code))
    return out
