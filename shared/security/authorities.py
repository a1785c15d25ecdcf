"""Who holds authority over what, derived only from the programme definitions and the codes.

The rules in `policy.py` are written with these: the owner of a stage for an applicant, the
designating (or liaising) authorities of a programme for a place, and the service in a source.
"""

from __future__ import annotations

from shared import jurisdictions as j
from shared.events.envelope import Envelope
from shared.events.schemas.monitoring import REQUEST_STAGE_PREFIX
from shared.programmes.loader import Catalogue
from shared.programmes.model import Effect, Kind, Programme


def service_of(env: Envelope) -> str:
    """The service in `source` (/jurisdictions/<code>/<service>), or "" when there is none."""
    parts = env.source.strip("/").split("/")
    return parts[2] if len(parts) == 3 and parts[0] == "jurisdictions" else ""


def programmes(c: Catalogue, key: str, version: int | None) -> list[Programme]:
    """The definition named (every version of it when `version` is None); [] when unknown."""
    if version is not None:
        found = c.get(key, version)
        return [found] if found else []
    return [p for v in c.versions(key) if (p := c.get(key, v))]


def stage_owner(c: Catalogue, key: str, version: int | None, stage: str, applicant: str) -> set[str]:
    """Who owns `stage` for `applicant` (a request stage: who decides that kind of request)."""
    if stage.startswith(REQUEST_STAGE_PREFIX):
        return request_deciders(c, key, version, stage.removeprefix(REQUEST_STAGE_PREFIX), applicant)
    owners = set()
    for p in programmes(c, key, version):
        s = p.stage(stage)
        owner = p.stage_owner(s, applicant) if s else None
        if owner:
            owners.add(owner)
    return owners


def designators(c: Catalogue, key: str, version: int | None, place: str) -> set[str]:
    """Who designates (or, for a registration programme, liaises with) a zone at `place`."""
    out: set[str] = set()
    for p in programmes(c, key, version):
        if p.kind is Kind.REGISTRATION and p.registration:
            levels = {lvl for u in p.registration.unit_types for lvl in u.liaison_levels}
            out |= {j.ancestor_at(place, lvl) or j.NATIONAL for lvl in levels}
        else:
            final = [s for s in p.route if any(o.effect is Effect.DESIGNATE for o in s.outcomes)]
            out |= {o for s in final if (o := p.stage_owner(s, place))}
    return out


def request_deciders(c: Catalogue, key: str, version: int | None, kind: str, place: str) -> set[str]:
    """Who decides a request of `kind` about a zone at `place`: its designating (liaising) authority;
    a registered unit's revocation only the title holder (001:385), on the liaison's proposal (001:425)."""
    if kind == "revocation":
        found = programmes(c, key, version)
        if found and all(p.kind is Kind.REGISTRATION for p in found):
            return {p.title_holder for p in found}
    return designators(c, key, version, place)


def covers(scope: str, code: str) -> bool:
    """True when the jurisdiction `scope` is `code` or contains it (False for a malformed code)."""
    try:
        return j.is_within(j.validate(code), j.validate(scope))
    except j.InvalidJurisdiction:
        return False
