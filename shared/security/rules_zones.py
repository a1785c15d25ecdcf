"""Authority rules for events on `zones.zones.v1` (designation, requests, a zone's life) and notify's.

A zone's life is monitored by the monitoring instance whose jurisdiction covers the zone's place;
its `authority` must be the programme's designating (or liaising) authority for that place, since
receivers address mail and tasks to it. Decisions come only from that authority's review instance.
"""

from __future__ import annotations

from shared import jurisdictions as j
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import ObligationScheduled, ZoneDesignated, ZoneRequestDecided, ZoneRequestFiled
from shared.events.schemas.monitoring import REQUEST_OUTCOMES, ZoneRecommended, ZoneWarned, _ZoneFacts
from shared.events.schemas.supervision import ZoneInspected, ZoneProgressReported
from shared.programmes.loader import Catalogue
from shared.security.authorities import covers, designators, programmes, request_deciders, supervising


def designated(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ZoneDesignated)
    owners = designators(c, e.programme, e.programme_version, e.applicant.code)
    if env.jurisdiction != e.designated_by or env.jurisdiction not in owners:
        return f"{env.jurisdiction} cannot designate for {e.applicant.code} in {e.programme}"
    return None


def scheduled(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ObligationScheduled)
    if not programmes(c, e.programme, None):
        return f"no programme {e.programme}"
    if not covers(env.jurisdiction, e.applicant.code):
        return f"monitoring at {env.jurisdiction} does not cover {e.applicant.code}"
    return None


def request_filed(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ZoneRequestFiled)
    place = e.applicant.code
    if not covers(env.jurisdiction, place):
        return f"monitoring at {env.jurisdiction} does not cover {place}"
    deciders = request_deciders(c, e.programme, e.programme_version, e.kind, place)
    if e.authority not in deciders:
        return f"{e.authority} does not decide a {e.kind} request about {place} in {e.programme}"
    proposers = designators(c, e.programme, e.programme_version, place) - deciders  # a unit's liaison
    levels = supervising(c, e.programme, e.programme_version, place, e.authority)
    if e.filed_by not in {place, e.authority, *proposers, *levels}:
        return f"a request about {place} is filed by the zone, its authority or supervisors, not {e.filed_by}"
    if (e.inspection_id or e.supervisors is not None) and (
        e.kind != "revocation" or e.filed_by not in levels
    ):
        return "only a supervising level's revocation proposal rests on an inspection"
    if e.supervisors is not None and not (e.filed_by in e.supervisors and set(e.supervisors) <= levels):
        return f"{e.supervisors} are not supervising levels of {place} in {e.programme}"
    return None


def request_decided(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ZoneRequestDecided)
    if env.jurisdiction != e.decided_by:
        return f"{env.jurisdiction} cannot record a decision by {e.decided_by}"
    place = e.applicant.code
    if env.jurisdiction not in request_deciders(c, e.programme, e.programme_version, e.kind, place):
        return f"{env.jurisdiction} does not decide a {e.kind} request about {place} in {e.programme}"
    if e.outcome not in REQUEST_OUTCOMES[e.kind]:
        return f"{e.outcome} is not an outcome of a {e.kind} request"
    return None


def zone_life(env: Envelope, e: Event, c: Catalogue) -> str | None:
    """Every monitoring event about a zone: its place covered, its authority the programme's."""
    assert isinstance(e, _ZoneFacts)
    if not covers(env.jurisdiction, e.applicant.code):
        return f"monitoring at {env.jurisdiction} does not cover {e.applicant.code}"
    if e.authority not in designators(c, e.programme, None, e.applicant.code):
        return f"{e.authority} is not the designating authority of {e.applicant.code} in {e.programme}"
    if isinstance(e, ZoneWarned) and e.level_above not in (j.parent(e.applicant.code), e.authority):
        return f"{e.level_above} is not the level above {e.applicant.code}"
    if isinstance(e, ZoneInspected | ZoneProgressReported):
        return _supervised(e, c)
    return None


def _supervised(e: ZoneInspected | ZoneProgressReported, c: Catalogue) -> str | None:
    """The levels told may supervise the zone by the programme, its authority among them; an inspector
    is one of them."""
    levels = supervising(c, e.programme, None, e.applicant.code, e.authority)
    if not (e.authority in e.supervisors and set(e.supervisors) <= levels):
        return f"{e.supervisors} are not supervising levels of {e.applicant.code} in {e.programme}"
    if isinstance(e, ZoneInspected) and e.inspected_by not in e.supervisors:
        return f"{e.inspected_by} does not supervise {e.applicant.code} in {e.programme}"
    if isinstance(e, ZoneInspected) and e.kind == "mutual_check" and e.inspected_by != j.NATIONAL:
        return "mutual checks are organised by the ministry only"
    return None


def recommended(env: Envelope, e: Event, c: Catalogue) -> str | None:
    """择优推荐 is the designating authority's own decision, made at its review instance, into a
    target its programme names (003:47–49, 004:51)."""
    assert isinstance(e, ZoneRecommended)
    if env.jurisdiction != e.authority:
        return f"{env.jurisdiction} cannot record a recommendation by {e.authority}"
    if e.authority not in designators(c, e.programme, None, e.applicant.code):
        return f"{e.authority} is not the designating authority of {e.applicant.code} in {e.programme}"
    targets = {t.key for p in programmes(c, e.programme, None) if p.success for t in p.success.all_targets}
    if e.into_programme not in targets:
        return f"{e.programme} does not recommend into {e.into_programme}"
    return None


def notification_failed(env: Envelope, e: Event, _c: Catalogue) -> str | None:
    """Notify's report of a delivery it gave up on: decides nothing; any valid notify instance."""
    return None if covers(env.jurisdiction, env.jurisdiction) else f"no jurisdiction {env.jurisdiction!r}"
