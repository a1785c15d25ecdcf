"""The bundle in force in this process: re-read when the bundle or anchor file changes (modification
time, size, inode), so a newer bundle takes effect without a restart.

A replacement is taken only when it verifies against the anchor, lies within its issued_at ..
valid_until and has a serial no lower than the one in force (rollback protection; the same serial
must be the same bundle). A refused replacement is logged as an error and the last good bundle keeps
serving while it is still valid. No good bundle, or the last one expired: `TrustUnavailable`, an
OSError the consumer treats as infrastructure (the record is read again, never applied unverified
nor dead-lettered).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import structlog
from prometheus_client import Counter, Gauge

from shared.clock import read_offset
from shared.runtime.metrics import REGISTRY
from shared.security import bundle as b
from shared.security.members import TrustFormatError, iso
from shared.security.trust import TrustStore

log = structlog.get_logger()
BUNDLE_SERIAL = Gauge("zones_trust_bundle_serial", "Serial of the trust bundle in force.", registry=REGISTRY)
BUNDLE_VALID_UNTIL = Gauge(
    "zones_trust_bundle_valid_until_seconds",
    "When the trust bundle in force expires (Unix time); events wait once it has passed.",
    registry=REGISTRY,
)
BUNDLE_REFUSED = Counter(
    "zones_trust_bundle_refused",
    "Replacement bundles refused (signature, period, rollback).",
    registry=REGISTRY,
)


class TrustUnavailable(OSError):
    """No valid bundle: events wait (not applied, not dead-lettered)."""


@dataclass(frozen=True)
class TrustPaths:
    bundle: str  # ZONES_TRUST_BUNDLE
    anchor: str  # ZONES_TRUST_ANCHOR


@dataclass
class _State:
    stamp: tuple[int, ...] | None = None
    good: b.Bundle | None = None
    store: TrustStore | None = None
    problem: str = ""
    retry_at: datetime | None = None  # a bundle refused only as not yet valid: tried again from then


_states: dict[TrustPaths, _State] = {}


def receiver_now(clock_offset_seconds: float, clock_file: str) -> datetime:
    """This process's now as its services see it (real time shifted as in shared/clock.py)."""
    extra = read_offset(clock_file) if clock_file else 0.0
    return datetime.now(UTC) + timedelta(seconds=clock_offset_seconds + extra)


def load_verified(paths: TrustPaths, now: datetime) -> b.Bundle:
    """The bundle at `paths.bundle`, verified against `paths.anchor` at `now`; BundleRefused if not."""
    try:
        anchor = b.load_anchor(Path(paths.anchor))
        doc = b.read_json(Path(paths.bundle), "bundle")
    except TrustFormatError as exc:
        raise b.BundleRefused("malformed", "信任包或信任锚无法读取", str(exc)) from exc
    return b.verify(doc, anchor, now)


def _stamp(*paths: str) -> tuple[int, ...]:
    out: list[int] = []
    for p in paths:
        st = os.stat(p)
        out += [st.st_mtime_ns, st.st_size, st.st_ino]
    return tuple(out)


def _take(st: _State, paths: TrustPaths, now: datetime) -> None:
    try:
        new = load_verified(paths, now)
        if st.good and new.serial < st.good.serial:
            raise b.BundleRefused(
                "rollback", "信任包序号回退", f"serial {new.serial} is lower than {st.good.serial} in force"
            )
        if st.good and new.serial == st.good.serial and new.canonical != st.good.canonical:
            raise b.BundleRefused(
                "rollback", "信任包序号未增加", f"serial {new.serial} reused for other content"
            )
    except b.BundleRefused as exc:
        st.problem, st.retry_at = f"trust bundle {paths.bundle}: {exc}", exc.valid_from
        serving = st.good.serial if st.good else None
        log.error("trust_bundle_refused", path=paths.bundle, reason=str(exc), serving_serial=serving)
        BUNDLE_REFUSED.inc()
        return
    if st.good and new.serial != st.good.serial:
        log.info("trust_bundle_reloaded", path=paths.bundle, serial=new.serial, members=len(new.members))
    st.good, st.store, st.problem, st.retry_at = new, TrustStore(new.members), "", None
    BUNDLE_SERIAL.set(new.serial)
    BUNDLE_VALID_UNTIL.set(new.valid_until.timestamp())


def trust_store(paths: TrustPaths, now: datetime) -> TrustStore:
    """The members of the bundle in force at `now`."""
    st = _states.setdefault(paths, _State())
    try:
        stamp: tuple[int, ...] | None = _stamp(paths.bundle, paths.anchor)
    except OSError as exc:
        stamp = None
        if st.stamp is not None or st.good is None:
            st.problem = f"trust bundle {paths.bundle} or anchor {paths.anchor}: {exc}"
            log.error("trust_bundle_unreadable", path=paths.bundle, error=str(exc))
    if stamp is not None and (stamp != st.stamp or (st.retry_at is not None and now >= st.retry_at)):
        _take(st, paths, now)
    st.stamp = stamp
    if st.good is None or st.store is None:
        raise TrustUnavailable(st.problem or f"trust bundle {paths.bundle}: not loaded")
    if now >= st.good.valid_until:
        raise TrustUnavailable(
            f"trust bundle {paths.bundle} (serial {st.good.serial}) expired at {iso(st.good.valid_until)} "
            "and no valid replacement was found"
        )
    return st.store
