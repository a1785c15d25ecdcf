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
from shared.programmes.loader import Catalogue
from shared.security.authorities import covers, designators, programmes, request_deciders


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
    if e.filed_by not in (place, e.authority, *proposers):
        return f"a request about {place} is filed by the zone or its authority, not {e.filed_by}"
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
    if isinstance(e, ZoneRecommended) and not programmes(c, e.into_programme, None):
        return f"no programme {e.into_programme} to recommend into"
    return None


def notification_failed(env: Envelope, e: Event, _c: Catalogue) -> str | None:
    """Notify's report of a delivery it gave up on: decides nothing; any valid notify instance."""
    return None if covers(env.jurisdiction, env.jurisdiction) else f"no jurisdiction {env.jurisdiction!r}"
