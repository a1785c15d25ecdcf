"""Who is told of an event before anyone configures anything: the default rules of DOMAIN.md section 4.

- the applicant, of every event about its application or zone (receipt, decisions, designation, what
  is due, overdue items, revocation) except review tasks;
- the reviewers (the reviewing jurisdiction), of new tasks in their queue and of their overdue tasks;
- the level above (the parent jurisdiction), of its subordinates' submissions, designations and
  overdue items: the parent of the applicant, or of the reviewer when a review task is overdue.

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


def default_targets(event_type: str, data: dict[str, Any], view: ApplicationView | None) -> list[Target]:
    """The (role, jurisdiction) pairs `event` reaches by default, without duplicates."""
    category = category_of(event_type)
    found = data.get("applicant")
    applicant: dict[str, Any] = found if isinstance(found, dict) else {}
    applicant_code = _code(applicant.get("code"))
    reviewer = _code(data.get("reviewer_jurisdiction"))
    out: list[Target] = []
    if reviewer and category in (Category.TASK, Category.OVERDUE):
        out.append(Target(Role.REVIEWER, reviewer, Subscriber.jurisdiction(reviewer, j.name(reviewer))))
    if applicant_code and category is not Category.TASK and not (reviewer and category is Category.OVERDUE):
        email = data.get("contact_email") or (view.contact_email if view else None)
        unit = Subscriber.applicant(
            applicant_code, str(applicant.get("name") or j.name(applicant_code)), email
        )
        out.append(Target(Role.APPLICANT, applicant_code, unit))
    below = reviewer if (reviewer and category is Category.OVERDUE) else applicant_code
    above = j.parent(below) if below and category in TO_THE_LEVEL_ABOVE else None
    if above:
        out.append(Target(Role.SUPERVISOR, above, Subscriber.jurisdiction(above, j.name(above))))
    return out
