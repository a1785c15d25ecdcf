"""What `zones trust` accepts: each input checked before anything is written, refused in Chinese and
English (exit 2) otherwise."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import typer

from shared import jurisdictions
from shared.events.registry import EVENT_TYPES
from shared.security import bundle as b
from shared.security.members import KEY_ID, Member, TrustFormatError
from shared.security.policy import types_emitted_by
from shared.security.signing import Signer, b64, public_key_from_text

CHINA = ZoneInfo("Asia/Shanghai")
SERVICES = ("intake", "review", "monitoring", "notify")


def fail(zh: str, en: str) -> NoReturn:
    typer.echo(f"错误：{zh} / error: {en} (nothing was written)", err=True)
    raise typer.Exit(2)


def key_id(text: str) -> str:
    if not KEY_ID.match(text):
        fail(f"密钥编号 {text!r} 无效", f"key id {text!r} must be letters, digits, '-', '.', '_'")
    return text


def jurisdiction(code: str) -> str:
    try:
        return jurisdictions.validate_known(code)
    except jurisdictions.UnknownJurisdiction as exc:
        zh, _, en = str(exc).partition(" / ")
        fail(zh, en)
    except jurisdictions.InvalidJurisdiction:
        fail(f"行政区划代码 {code!r} 无效", f"{code!r} is not a 6-digit jurisdiction code")


def service(name: str) -> str:
    if name not in SERVICES:
        fail(f"未知服务 {name!r}", f"unknown service {name!r}: one of {', '.join(SERVICES)}")
    return name


def types(text: str, svc: str) -> tuple[str, ...]:
    """The types asked for, or every type `svc` emits (shared/security/policy.py)."""
    emitted = types_emitted_by(svc)
    if not text:
        return tuple(emitted)
    asked = tuple(t.strip() for t in text.split(",") if t.strip())
    unknown = [t for t in asked if t not in EVENT_TYPES]
    if unknown:
        fail(f"未知事件类型 {unknown}", f"unknown event types {unknown}")
    foreign = [t for t in asked if t not in emitted]
    if foreign:
        fail(f"{svc} 服务不发出 {foreign}", f"the {svc} service does not emit {foreign} (policy.py)")
    return asked


def public_key(text: str, file: Path | None) -> str:
    if bool(text) == (file is not None):
        fail(
            "请给出 --public-key 或 --public-key-file 之一",
            "give exactly one of --public-key, --public-key-file",
        )
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"无法读取 {file}", f"cannot read {file}: {exc}")
    try:
        public_key_from_text(text)
    except ValueError as exc:
        fail("公钥无效", f"not a base64url raw Ed25519 public key: {exc}")
    return text.strip()


def start(text: str) -> datetime:
    """An ISO instant with an offset, or a date: that day's 00:00 China time."""
    return _when(text, 0)


def end(text: str) -> datetime:
    """An ISO instant with an offset, or a date: the end of that day (the next 00:00 China time)."""
    return _when(text, 1)


def _when(text: str, days: int) -> datetime:
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text) + timedelta(days=days), time(), CHINA)
        at = datetime.fromisoformat(text)
    except ValueError:
        fail(f"时间 {text!r} 无效", f"{text!r} is neither a date (2027-12-31) nor an ISO time with offset")
    if at.tzinfo is None:
        fail(f"时间 {text!r} 缺少时区", f"{text!r} needs an offset, e.g. +08:00")
    return at


def draft(path: Path, must_exist: bool = False) -> dict[str, Any]:
    """The bundle document at `path` (a new empty one when missing, unless `must_exist`)."""
    if not path.exists():
        if must_exist:
            fail(f"信任包 {path} 不存在", f"no bundle at {path}")
        return b.empty()
    try:
        doc = b.read_json(path, "bundle")
        b.members_of(doc)
    except TrustFormatError as exc:
        fail("信任包格式错误", str(exc))
    return doc


def unique(doc: dict[str, Any], new: Member) -> None:
    for m in doc["members"]:
        if m["key_id"] == new.key_id:
            fail(
                f"密钥 {new.key_id} 已在信任包中",
                f"key id {new.key_id} is already a member (revoke it, use a new id)",
            )
        if m["public_key"] == new.public_key:
            fail(
                "该公钥已属于另一成员",
                f"this public key already belongs to {m['key_id']}: one key, one instance",
            )


def pinned(root: Signer, anchor: Path) -> None:
    try:
        roots = b.load_anchor(anchor)
    except TrustFormatError as exc:
        fail("信任锚无法读取", str(exc))
    held = roots.get(root.key_id)
    if held is None or b64(held.public_bytes_raw()) != root.public_text():
        fail(f"根密钥 {root.key_id} 不在信任锚中", f"the root key {root.key_id} is not the one {anchor} pins")


def root_signer(path: Path, kid: str) -> Signer:
    try:
        return Signer.from_private_text(key_id(kid), path.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"无法读取根私钥 {path}", f"cannot read the root key {path}: {exc}")
    except ValueError as exc:
        fail(f"根私钥 {path} 无效", f"{path} is not a private key: {exc}")
