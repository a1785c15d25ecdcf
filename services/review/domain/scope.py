"""Which events are this review instance's own: applications of applicants in its territory, those whose
route gives a stage to its jurisdiction (a province's opinion on a delegated prefecture's applicant),
and what its jurisdiction decided, designated or must decide itself. The rest it skips, unverified.
Which stage is whose is decided later, by the handlers (routing.py), as before."""

from __future__ import annotations

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.programmes.loader import Catalogue
from shared.territory import Territory, applicant_code, is_code

ACTS = ("designated_by", "decided_by", "authority")  # my own designation, decision, or one for me to take


def _a_stage_is_mine(catalogue: Catalogue, payload: Event, code: str, me: str) -> bool:
    key = getattr(payload, "programme", None)
    version = getattr(payload, "programme_version", None)
    programme = catalogue.get(key, version) if isinstance(key, str) else None
    if programme is None and isinstance(key, str):
        programme = catalogue.get(key)
    return programme is not None and any(programme.stage_owner(s, code) == me for s in programme.route)


def concerns(catalogue: Catalogue, territory: Territory, env: Envelope, payload: Event) -> bool:
    """True when the applicant is mine, a stage of its route is mine, or my jurisdiction acts in it."""
    me = territory.jurisdiction
    if any(getattr(payload, name, None) == me for name in ACTS):
        return True
    code = applicant_code(payload)
    if not is_code(code):
        return False
    assert isinstance(code, str)
    return territory.owns(code) or _a_stage_is_mine(catalogue, payload, code, me)
