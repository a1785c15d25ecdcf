"""The local stack's keys and trust: one private key per instance (`keys/<service>-<jurisdiction>.key`,
mode 600, key id `<service>-<jurisdiction>-local`), a local root key, its anchor and a bundle it signed
(`trust/`). Each process is given only its own key file's path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shared.security import bundle
from shared.security.members import Member
from shared.security.policy import types_emitted_by
from shared.security.signing import Signer

LOCAL_ROOT = "root-local"
VALID_DAYS = 3650  # a demo may move its clock years ahead (`zones clock advance`)


@dataclass(frozen=True)
class LocalKey:
    key_id: str
    file: Path


def instance_key(keys: Path, service: str, jurisdiction: str) -> LocalKey:
    return LocalKey(f"{service}-{jurisdiction}-local", keys / f"{service}-{jurisdiction}.key")


def local_member(signer: Signer, service: str, jurisdiction: str) -> Member:
    """`signer` bound to (service, jurisdiction) for every type the service emits, with no time limits."""
    return Member(
        signer.key_id, jurisdiction, service, tuple(types_emitted_by(service)), signer.public_text()
    )


def write_instance_key(keys: Path, service: str, jurisdiction: str) -> Member:
    """A new key for the instance in `keys/<service>-<jurisdiction>.key` (mode 600); its member."""
    own = instance_key(keys, service, jurisdiction)
    keys.mkdir(parents=True, exist_ok=True)
    signer = Signer.generate(own.key_id)
    own.file.write_text(signer.private_text(), encoding="utf-8")
    own.file.chmod(0o600)
    return local_member(signer, service, jurisdiction)


def write_root_and_bundle(
    trust: Path, members: list[Member], clock_offset_s: float = 0.0
) -> tuple[Path, Path]:
    """A local root (`trust/root-local.key`), its anchor and a bundle of `members` it signed:
    (bundle, anchor). The bundle is valid from a day before both real time and the stack's clock."""
    trust.mkdir(parents=True, exist_ok=True)
    root = Signer.generate(LOCAL_ROOT)
    root_file = trust / f"{LOCAL_ROOT}.key"
    root_file.write_text(root.private_text(), encoding="utf-8")
    root_file.chmod(0o600)
    anchor, path = trust / "anchor.json", trust / "bundle.json"
    bundle.write(bundle.anchor_doc([root]), anchor)
    real = datetime.now(UTC)
    issued = min(real, real + timedelta(seconds=clock_offset_s)) - timedelta(days=1)
    bundle.write(bundle.issue(members, root, issued, VALID_DAYS), path)
    return path, anchor


def write_trust(
    workdir: Path, instances: list[tuple[str, str]], extra: list[Member], clock_offset_s: float = 0.0
) -> tuple[Path, Path]:
    """Keys for each (service, jurisdiction) in `workdir/keys`, and in `workdir/trust` a root and a
    bundle of them and `extra`: (bundle, anchor)."""
    members = [write_instance_key(workdir / "keys", s, code) for s, code in sorted(set(instances))]
    return write_root_and_bundle(workdir / "trust", [*extra, *members], clock_offset_s)
