"""`zones trust` as the root uses it: a bundle made, signed and verified from the documented commands;
a tampered or unsigned one fails `verify` (exit 1, Chinese and English); every bad input is refused
(exit 2) in both languages and leaves every file as it was."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from console.cli import app
from shared.security.policy import types_emitted_by


def zones(*args: str | Path) -> tuple[int, str]:
    done = CliRunner().invoke(app, [str(a) for a in args])
    return done.exit_code, done.output


def root_and_key(tmp: Path) -> tuple[Path, Path]:
    assert zones("trust", "root-init", "--out", tmp / "root", "--key-id", "root-t")[0] == 0
    made = zones(
        "keys", "generate", "--service", "intake", "--jurisdiction", "370100", "--key-id", "intake-370100-t",
        "--out", tmp / "keys",
    )  # fmt: skip
    assert made[0] == 0 and "zones trust add" in made[1]
    bundle = tmp / "bundle.json"
    code, out = zones(
        "trust", "add", "--bundle", bundle, "--key-id", "intake-370100-t", "--jurisdiction", "370100",
        "--service", "intake", "--public-key-file", tmp / "keys" / "intake-370100-t.pub",
    )  # fmt: skip
    assert code == 0, out
    return bundle, tmp / "root"


def test_the_root_makes_signs_and_verifies_a_bundle(tmp_path: Path) -> None:
    bundle, root = root_and_key(tmp_path)
    assert (root / "root-t.key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "keys" / "intake-370100-t.key").stat().st_mode & 0o777 == 0o600
    unsigned = zones("trust", "verify", "--bundle", bundle, "--anchor", root / "anchor.json")
    assert unsigned[0] == 1 and "unsigned" in unsigned[1] and "未签名" in unsigned[1]
    assert (
        zones("trust", "sign", "--bundle", bundle, "--root-key", root / "root-t.key", "--valid-days", "30")[0]
        == 0
    )
    code, out = zones("trust", "verify", "--bundle", bundle, "--anchor", root / "anchor.json")
    assert code == 0 and "ok: serial 1, 1 members" in out, out
    doc = json.loads(bundle.read_text(encoding="utf-8"))
    assert doc["members"][0]["types"] == types_emitted_by("intake") and doc["root_key_id"] == "root-t"
    shown = zones("trust", "show", "--bundle", bundle)[1]
    assert "intake-370100-t" in shown and "intake-370100" in shown and "signed by root-t" in shown
    assert json.loads(zones("trust", "show", "--bundle", bundle, "--json")[1]) == doc
    doc["members"][0]["jurisdiction"] = "370000"  # one member moved to another jurisdiction
    bundle.write_text(json.dumps(doc), encoding="utf-8")
    tampered = zones("trust", "verify", "--bundle", bundle, "--anchor", root / "anchor.json")
    assert tampered[0] == 1 and "bad_signature" in tampered[1] and "签名无效" in tampered[1]


def test_retire_revoke_and_sign_again_raise_the_serial(tmp_path: Path) -> None:
    bundle, root = root_and_key(tmp_path)
    sign = ("trust", "sign", "--bundle", bundle, "--root-key", root / "root-t.key", "--valid-days", "30")
    assert zones(*sign)[0] == 0
    assert (
        zones(
            "trust", "retire", "--bundle", bundle, "--key-id", "intake-370100-t", "--not-after", "2028-01-15"
        )[0]
        == 0
    )
    at = "2027-03-01T08:00:00+08:00"
    assert zones("trust", "revoke", "--bundle", bundle, "--key-id", "intake-370100-t", "--at", at)[0] == 0
    member = json.loads(bundle.read_text(encoding="utf-8"))["members"][0]
    assert (member["not_after"], member["revoked_at"]) == (
        "2028-01-15T16:00:00Z",
        "2027-03-01T00:00:00Z",
    )  # its last day, China time
    assert "signature" not in json.loads(bundle.read_text(encoding="utf-8"))  # changed: to be signed again
    assert zones(*sign)[0] == 0
    assert json.loads(bundle.read_text(encoding="utf-8"))["serial"] == 2


def test_bad_input_is_refused_in_both_languages_and_writes_nothing(tmp_path: Path) -> None:
    bundle, root = root_and_key(tmp_path)
    pub = tmp_path / "keys" / "intake-370100-t.pub"
    add = ("trust", "add", "--bundle", bundle)
    cases: list[tuple[str | Path, ...]] = [
        (*add, "--key-id", "k2", "--jurisdiction", "37", "--service", "intake", "--public-key-file", pub),
        (*add, "--key-id", "k2", "--jurisdiction", "370100", "--service", "portal", "--public-key-file", pub),
        (*add, "--key-id", "k2", "--jurisdiction", "370100", "--service", "intake", "--public-key", "abc"),
        (*add, "--key-id", "k2", "--jurisdiction", "370100", "--service", "intake", "--public-key-file", pub,
         "--types", "zones.zone.designated.v1"),  # intake does not emit designations
        (*add, "--key-id", "intake-370100-t", "--jurisdiction", "370100", "--service", "intake",
         "--public-key-file", pub),  # the same key id again
        (*add, "--key-id", "k2", "--jurisdiction", "370100", "--service", "intake",
         "--public-key-file", pub),  # the same public key under another id
        (*add, "--key-id", "k2", "--jurisdiction", "370100", "--service", "intake", "--public-key-file", pub,
         "--not-after", "2027-13-01"),
        (*add, "--key-id", "bad id", "--jurisdiction", "370100", "--service", "intake",
         "--public-key-file", pub),
        ("trust", "revoke", "--bundle", bundle, "--key-id", "nobody", "--at", "now"),
        ("trust", "sign", "--bundle", bundle, "--root-key", pub, "--anchor", root / "anchor.json",
         "--valid-days", "30"),  # a key the anchor does not pin
        ("trust", "root-init", "--out", root, "--key-id", "root-t"),  # would overwrite the root
        ("keys", "generate", "--service", "intake", "--jurisdiction", "370100", "--key-id", "intake-370100-t",
         "--out", tmp_path / "keys"),  # would overwrite a private key
    ]  # fmt: skip
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    for args in cases:
        code, out = zones(*args)
        assert code == 2 and "错误" in out and "error:" in out and "nothing was written" in out, (args, out)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert len(cases) == 12 and len(before) == 5  # root key, anchor, key, public key, bundle
