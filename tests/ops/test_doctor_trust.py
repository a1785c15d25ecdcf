"""`zones doctor`'s trust checks on their own (no broker or database needed): each way the bundle or
this instance's key can be wrong is a FAIL saying so; the right set-up is OK."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.ops.doctor_trust import trust_and_keys
from shared.security import bundle
from shared.security.signing import Signer
from shared.settings import Settings
from shared.tests.trust_bundles import member, write_bundle

NOW = datetime.now(UTC)
OWN = Signer.generate("review-370100-2027")
PROVINCE = Signer.generate("review-370000-2027")


def deployment(tmp_path: Path, key: Signer = OWN, key_id: str = "", **bundle_kw: object) -> Settings:
    """Jinan's review instance holding `key` (under `key_id`), with a bundle of both reviews."""
    members = [member(OWN, "370100", "review"), member(PROVINCE, "370000", "review")]
    kw = {"issued": NOW - timedelta(days=1), **bundle_kw}
    trust = write_bundle(tmp_path, members, **kw)  # type: ignore[arg-type]
    key_file = tmp_path / "own.key"
    key_file.write_text(key.private_text(), encoding="utf-8")
    return Settings(
        service="review",
        jurisdiction="370100",
        trust_bundle=trust.bundle,
        trust_anchor=trust.anchor,
        signing_key_file=str(key_file),
        signing_key_id=key_id or key.key_id,
    )


def findings(settings: Settings) -> dict[str, tuple[str, str]]:
    return {f.check: (f.status, f.detail) for f in trust_and_keys(settings)}


def test_the_right_bundle_and_own_key_pass(tmp_path: Path) -> None:
    found = findings(deployment(tmp_path))
    assert found["trust"][0] == "ok" and "serial 1, 2 members" in found["trust"][1]
    assert found["signing"] == (
        "ok",
        "signing with review-370100-2027, the bundle's member for review-370100",
    )


def test_a_bundle_about_to_expire_warns(tmp_path: Path) -> None:
    status, detail = findings(deployment(tmp_path, days=7))["trust"]  # issued a day ago: 6 days left
    assert status == "warn" and "valid until" in detail


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("unsigned", "unsigned"),
        ("badly signed", "bad_signature"),
        ("expired", "expired"),
        ("not yet valid", "not_yet_valid"),
    ],
)
def test_a_bundle_that_does_not_verify_fails(tmp_path: Path, change: str, why: str) -> None:
    if change == "expired":
        settings = deployment(tmp_path, issued=NOW - timedelta(days=31), days=30)
    elif change == "not yet valid":
        settings = deployment(tmp_path, issued=NOW + timedelta(days=1))
    else:
        settings = deployment(tmp_path)
        doc = json.loads(Path(settings.trust_bundle).read_text(encoding="utf-8"))
        if change == "unsigned":
            del doc["signature"]
        else:
            doc["serial"] += 1  # one changed value the signature covers
        bundle.write(doc, Path(settings.trust_bundle))
    status, detail = findings(settings)["trust"]
    assert status == "fail" and detail.split(": ")[1] == why, detail


def test_another_instances_private_key_fails(tmp_path: Path) -> None:
    """Jinan's deployment given Shandong's private key: under its own key id, or under Shandong's."""
    as_own = findings(deployment(tmp_path, key=PROVINCE, key_id=OWN.key_id))["signing"]
    assert as_own[0] == "fail" and "does not match" in as_own[1]
    as_theirs = findings(deployment(tmp_path / "2", key=PROVINCE))["signing"]
    assert as_theirs == (
        "fail",
        "key review-370000-2027 belongs to review-370000, not this instance review-370100",
    )


def test_a_key_that_is_no_member_or_another_service_fails(tmp_path: Path) -> None:
    stranger = findings(deployment(tmp_path, key=Signer.generate("review-370100-new")))["signing"]
    assert stranger[0] == "fail" and "not a member" in stranger[1]
    intake = Signer.generate("intake-370100-2027")
    trust = write_bundle(tmp_path / "3", [member(intake, "370100", "intake")], issued=NOW - timedelta(days=1))
    (tmp_path / "3" / "own.key").write_text(intake.private_text(), encoding="utf-8")
    settings = Settings(
        service="review", jurisdiction="370100", trust_bundle=trust.bundle, trust_anchor=trust.anchor,
        signing_key_file=str(tmp_path / "3" / "own.key"), signing_key_id=intake.key_id,
    )  # fmt: skip
    assert (
        findings(settings)["signing"][1]
        == "key intake-370100-2027 belongs to intake-370100, not this instance review-370100"
    )
