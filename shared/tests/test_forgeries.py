"""The adversarial set for the gate: for every registered event type, forgeries by each wrong party
(another county, a sibling prefecture, a lower level, the right jurisdiction with the wrong service;
an instance key posing as another service of its jurisdiction),
each signed with that party's own genuine key, and tampered copies of the genuine signed event
(type, subject, topic, key, mangled signature text) are all refused with a reason; the genuine
event itself passes. The counts are asserted (and quoted in docs/SECURITY.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from shared.events.envelope import Envelope
from shared.events.registry import EVENT_TYPES, Event
from shared.events.topics import APPLICATIONS
from shared.security import gate
from shared.security.current import TrustPaths
from shared.security.policy import types_emitted_by
from shared.security.signing import Signer
from shared.security.trust import Untrusted
from shared.tests.genuine_events import GENUINE, NOW
from shared.tests.trust_bundles import member, write_bundle

CODES_EXPECTED = (
    "not_authorised",
    "bad_signature",
    "wrong_topic",
    "wrong_key",
    "type_not_allowed",
    "wrong_service",
)

CODES = ("000000", "370000", "370100", "370103", "370102", "370200", "370203")
SERVICES = ("intake", "review", "monitoring", "notify")
KEYS = {(c, s): Signer.generate(f"{s}-{c}-test") for c in CODES for s in SERVICES}  # one per instance
WRONG = {"another county": "370203", "a sibling prefecture": "370200"}
LOWER = {"370100": "370103", "370000": "370100", "000000": "370102"}  # national: a county beside it
SELF_NAMED = ("decided_by", "designated_by", "reviewer_jurisdiction")  # a forger names itself here


@pytest.fixture
def trust(tmp_path: Path) -> TrustPaths:
    return write_bundle(tmp_path, [member(k, code, service) for (code, service), k in KEYS.items()])


def signed(event: Event, code: str, service: str, key_of: str = "") -> Envelope:
    """`event` from (`code`, `service`), signed with that instance's key (or `key_of` service's)."""
    named = {f: code for f in SELF_NAMED if f in type(event).model_fields}
    forged = event.model_copy(update=named)
    env = Envelope.wrap(forged, source=f"/jurisdictions/{code}/{service}", time=NOW)
    return KEYS[(code, key_of or service)].sign(env)


def forgeries(event: Event, source: str) -> list[tuple[str, Envelope, str, bytes]]:
    """(what, envelope, topic, key) of every forgery of `event` (genuinely from `source`)."""
    code, service = source.split("/")
    topic, key = event.topic, event.key.encode()
    out = []
    if event.type != "zones.notification.failed.v1":  # decides nothing: any notify may report
        for who, wrong in {**WRONG, "a lower level": LOWER[code]}.items():
            out.append((who, signed(event, wrong, service), topic, key))
    for other in SERVICES:
        if other != service:
            out.append((f"{other} at {code}", signed(event, code, other), topic, key))
            out.append((f"{other}'s key as {service}", signed(event, code, service, other), topic, key))
    good = signed(event, code, service)
    other_type = altered_type(event)
    mangled = good.extensions["signature"] + "="
    out += [
        ("altered type", replace(good, type=other_type), topic, key),
        ("altered subject", replace(good, subject="z2"), topic, key),
        ("altered topic", good, APPLICATIONS if topic != APPLICATIONS else "zones.zones.v1", key),
        ("altered key", good, topic, b"z2"),
        (
            "mangled signature",
            replace(good, extensions={**good.extensions, "signature": mangled}),
            topic,
            key,
        ),
    ]
    return out


def altered_type(event: Event) -> str:
    """The type a forger puts in place of `event`'s: another of its topic where there is one."""
    others = sorted(EVENT_TYPES, key=lambda t: EVENT_TYPES[t].topic != event.topic)  # same topic first
    return next(t for t in others if t != event.type)


def test_every_forgery_of_every_event_type_is_refused_with_a_reason(trust: TrustPaths) -> None:
    tried, refused, applied, codes = 0, 0, [], Counter[str]()
    for event, source in GENUINE:
        code, service = source.split("/")
        genuine = signed(event, code, service)
        gate.check(genuine, trust, NOW, topic=event.topic, key=event.key.encode())  # the control
        for what, env, topic, key in forgeries(event, source):
            tried += 1
            try:
                gate.check(round_trip(env), trust, NOW, topic=topic, key=key)
            except Untrusted as exc:
                assert exc.code in CODES_EXPECTED, exc
                codes[exc.code] += 1
                assert str(exc).split(": ", 1)[1], "a refusal says why"
                refused += 1
            else:
                applied.append(f"{event.type}: {what}")
    assert applied == []
    n = len(EVENT_TYPES)
    assert len(GENUINE) == n == 19
    # an altered type the sender's service may sign too fails on the signature instead
    signable = sum(altered_type(e) in types_emitted_by(s.split("/")[1]) for e, s in GENUINE)
    assert signable == 2
    # 3 wrong parties + 3 wrong services + 3 other services' keys posing + 5 tamperings (no wrong party
    # for notification.failed, which decides nothing)
    assert (tried, refused) == ((n - 1) * 14 + 11,) * 2 == (263, 263)
    # each wrong service's own key: type_not_allowed; posing as the right one: wrong_service; a wrong
    # party: not_authorised; tampering: bad_signature, or type_not_allowed for an altered type
    assert codes == {
        "type_not_allowed": 3 * n + n - signable,
        "wrong_service": 3 * n,
        "not_authorised": 3 * (n - 1),
        "bad_signature": 4 * n + signable,
    }


def test_the_issues_forgeries_are_refused(trust: TrustPaths) -> None:
    """A county approving its own extension; Qingdao deciding a Jinan stage; a county submitting."""
    by_type = {e.type: (e, s) for e, s in GENUINE}
    cases = [
        ("zones.zone.request_decided.v1", "370103", "review"),
        ("zones.review.stage_decided.v1", "370200", "review"),
        ("zones.zone.warned.v1", "370203", "monitoring"),
        ("zones.application.submitted.v1", "370102", "intake"),
    ]
    for event_type, code, service in cases:
        event, _ = by_type[event_type]
        with pytest.raises(Untrusted, match="not_authorised"):
            gate.check(signed(event, code, service), trust, NOW, topic=event.topic, key=event.key.encode())
    assert len(cases) == 4


def test_intakes_key_cannot_sign_a_designation(trust: TrustPaths) -> None:
    """The public-facing intake of the designating province, with its own genuine key."""
    by_type = {e.type: (e, s) for e, s in GENUINE}
    event, source = by_type["zones.zone.designated.v1"]
    code = source.split("/")[0]
    refused = []
    for service in ("intake", "review"):  # as itself, and posing as review
        env = signed(event, code, service, key_of="intake")
        with pytest.raises(Untrusted) as err:
            gate.check(round_trip(env), trust, NOW, topic=event.topic, key=event.key.encode())
        refused.append(err.value.code)
    assert refused == ["type_not_allowed", "wrong_service"]


def round_trip(env: Envelope) -> Envelope:
    return Envelope.from_record([(k, v.encode()) for k, v in env.headers().items()], env.value())
