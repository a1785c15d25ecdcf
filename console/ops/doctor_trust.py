"""`zones doctor`'s trust checks: the bundle verifies against the anchor and is valid now; this
instance's private key is the one its key id's member holds, and that member is this instance
(a deployment given another's private key, or another's key id, fails)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from console.ops.doctor import Finding
from shared.security.bundle import Bundle, BundleRefused
from shared.security.current import load_verified, receiver_now
from shared.security.members import iso
from shared.settings import Settings

EXPIRY_WARNING = timedelta(days=7)
FIX_BUNDLE = "get the current signed bundle from the root (`zones trust verify --bundle … --anchor …`)"


def trust_and_keys(settings: Settings) -> list[Finding]:
    from shared.security.signing import load_signer

    out: list[Finding] = []
    got: Bundle | None = None
    now = receiver_now(settings.clock_offset_seconds, settings.clock_file)
    trust = settings.trust
    if os.environ.get("ZONES_TRUST_FILE"):
        out.append(Finding("trust", "fail", settings.trust_problem() or "", "unset ZONES_TRUST_FILE"))
    if trust is None or not settings.trust_anchor:
        problem = settings.trust_problem()  # refused while tokens are required, unless unsigned is chosen
        out.append(
            Finding(
                "trust",
                "fail" if problem else "skip",
                problem or "no trust bundle: consumed events are not verified (development only)",
                "set ZONES_TRUST_BUNDLE and ZONES_TRUST_ANCHOR",
            )
        )
    else:
        try:
            got = load_verified(trust, now)
            detail = f"bundle serial {got.serial}, {len(got.members)} members, signed by {got.root_key_id}"
            soon = got.valid_until - now < EXPIRY_WARNING
            out.append(
                Finding(
                    "trust",
                    "warn" if soon else "ok",
                    f"{detail}, valid until {iso(got.valid_until)}",
                    "get the next bundle from the root before then: events wait once it expires"
                    if soon
                    else "",
                )
            )
        except BundleRefused as exc:
            out.append(Finding("trust", "fail", f"{trust.bundle}: {exc}", FIX_BUNDLE))
    try:
        signer = load_signer(settings)
    except (OSError, ValueError) as exc:
        return [
            *out,
            Finding("signing", "fail", f"signing key unreadable: {exc}", "check ZONES_SIGNING_KEY_FILE"),
        ]
    if signer is None:
        fix = "`zones keys generate`, then set ZONES_SIGNING_KEY_FILE and ZONES_SIGNING_KEY_ID"
        return [
            *out,
            Finding("signing", "skip", "no signing key: events leave unsigned (development only)", fix),
        ]
    if got is None:
        return [
            *out,
            Finding("signing", "ok", f"signing with {signer.key_id} (not checked against a bundle)"),
        ]
    return [*out, _own_key(settings, signer.key_id, signer.public_text(), got, now)]


def _own_key(settings: Settings, key_id: str, public: str, got: Bundle, now: datetime) -> Finding:
    here = f"{settings.service}-{settings.jurisdiction}"
    member = next((m for m in got.members if m.key_id == key_id), None)
    if member is None:
        fix = "the root adds it: `zones trust add … --key-id " + key_id + "`, `zones trust sign`"
        return Finding("signing", "fail", f"key {key_id} is not a member of the bundle", fix)
    if member.public_key != public:
        return Finding(
            "signing",
            "fail",
            f"this instance's private key does not match member {key_id}'s public key (another's key?)",
            "mount this instance's own key file (ZONES_SIGNING_KEY_FILE)",
        )
    if member.instance != here:
        return Finding(
            "signing",
            "fail",
            f"key {key_id} belongs to {member.instance}, not this instance {here}",
            "each instance signs with its own key: set ZONES_SIGNING_KEY_FILE/_ID to this instance's",
        )
    if member.revoked_at and member.revoked_at <= now:
        return Finding(
            "signing", "fail", f"key {key_id} was revoked at {iso(member.revoked_at)}", "rotate it"
        )
    if member.not_after and member.not_after <= now:
        return Finding("signing", "fail", f"key {key_id} expired at {iso(member.not_after)}", "rotate it")
    return Finding("signing", "ok", f"signing with {key_id}, the bundle's member for {here}")
