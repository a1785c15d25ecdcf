"""A service refuses to start (Settings.trust_problem, Chinese and English) on a bundle it could not
use: no anchor, unsigned, signed by a key the anchor does not pin, expired or not yet valid; `zones
serve` says so and exits 2 before touching the database or the broker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.security.signing import Signer
from shared.settings import Settings
from shared.tests.trust_bundles import member, write_anchor, write_bundle

NOW = datetime.now(UTC)
KEY = Signer.generate("review-370000-2027")


def settings(tmp_path: Path, **bundle_kw: object) -> Settings:
    trust = write_bundle(tmp_path, [member(KEY, "370000", "review")], **{"issued": NOW, **bundle_kw})  # type: ignore[arg-type]
    return Settings(
        service="review", jurisdiction="370000", trust_bundle=trust.bundle, trust_anchor=trust.anchor
    )


def test_a_valid_bundle_lets_the_service_start(tmp_path: Path) -> None:
    assert settings(tmp_path).trust_problem() is None


def test_each_unusable_bundle_is_refused_with_the_reason(tmp_path: Path) -> None:
    problems = {
        "expired": settings(tmp_path / "a", issued=NOW - timedelta(days=31), days=30).trust_problem(),
        "not_yet_valid": settings(tmp_path / "b", issued=NOW + timedelta(hours=1)).trust_problem(),
        "unknown_root": settings(tmp_path / "c", root=Signer.generate("root-elsewhere")).trust_problem(),
    }
    unsigned = settings(tmp_path / "d")
    doc = json.loads(Path(unsigned.trust_bundle).read_text(encoding="utf-8"))
    Path(unsigned.trust_bundle).write_text(json.dumps({**doc, "signature": ""}), encoding="utf-8")
    problems["unsigned"] = unsigned.trust_problem()
    (tmp_path / "e").mkdir()
    write_anchor(tmp_path / "e", Signer.generate("root-test"))  # the right id, another key
    problems["bad_signature"] = settings(tmp_path / "e").trust_problem()
    for code, problem in problems.items():
        assert problem and "信任包不可用" in problem and f": {code}: " in problem, (code, problem)
    no_anchor = settings(tmp_path / "f").model_copy(update={"trust_anchor": ""}).trust_problem()
    assert no_anchor and "ZONES_TRUST_ANCHOR" in no_anchor and "信任锚" in no_anchor
    assert len(problems) == 5


def test_serve_refuses_to_start_on_an_expired_bundle(tmp_path: Path) -> None:
    s = settings(tmp_path, issued=NOW - timedelta(days=2), days=1)
    env = {**os.environ, "ZONES_TRUST_BUNDLE": s.trust_bundle, "ZONES_TRUST_ANCHOR": s.trust_anchor}
    env.update(ZONES_AUTH_REQUIRED="false", ZONES_UNSIGNED_EVENTS="false")
    done = subprocess.run(
        [sys.executable, "-m", "console", "serve", "review", "--jurisdiction", "370000"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "refusing to start" in done.stderr and "expired" in done.stderr, (
        done.stderr
    )


def test_an_old_trust_file_setting_is_refused_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONES_TRUST_FILE", "/etc/zones/keys/trust.toml")
    problem = settings(tmp_path).trust_problem()
    assert (
        problem and "ZONES_TRUST_FILE" in problem and "ZONES_TRUST_BUNDLE" in problem and "已停用" in problem
    )
