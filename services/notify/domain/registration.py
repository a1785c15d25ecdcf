"""Checking subscribers and subscriptions asked for over HTTP: every reason, in Chinese and English."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from services.notify.domain import signature
from services.notify.domain.subscriber import LANGUAGES, Channel, Role, Subscriber, SubscriberKind
from services.notify.domain.subscription import Subscription
from shared import jurisdictions as j
from shared.errors import Reason, Refused

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID = re.compile(r"^[A-Za-z0-9._-]{1,60}$")


def _code_reason(code: str | None, field: str) -> Reason | None:
    try:
        j.validate(code or "")
    except j.InvalidJurisdiction:
        return Reason("invalid_jurisdiction", f"行政区划代码无效：{code}（应为6位数字）",
                      f"invalid jurisdiction code {code!r} (six digits)", field)  # fmt: skip
    return None


def new_person(
    key: str, name: str, code: str, role: str, email: str | None, language: str, in_app: bool = True
) -> Subscriber:
    reasons = [r for r in [_key_reason(key), _code_reason(code, "jurisdiction")] if r]
    if not name.strip():
        reasons.append(Reason("name_missing", "姓名不能为空", "name is required", "name"))
    if role not in Role.__members__.values():
        reasons.append(Reason("unknown_role", f"未知角色：{role}", f"unknown role {role!r}", "role"))
    if not email or not _EMAIL.match(email):
        reasons.append(Reason("invalid_email", f"电子邮箱无效：{email}", f"invalid email {email!r}", "email"))
    if language not in LANGUAGES:
        reasons.append(Reason("unsupported_language", f"不支持的语言：{language}（可选 zh-CN、en）",
                              f"unsupported language {language!r} (zh-CN or en)", "language"))  # fmt: skip
    if reasons:
        raise Refused(reasons)
    channels = (Channel.EMAIL, Channel.IN_APP) if in_app else (Channel.EMAIL,)
    return Subscriber(f"{SubscriberKind.PERSON}:{key}", SubscriberKind.PERSON, code, name.strip(), email,
                      channels, language, Role(role))  # fmt: skip


def new_system(key: str, name: str, code: str, url: str, secret: str) -> Subscriber:
    reasons = [r for r in [_key_reason(key), _code_reason(code, "jurisdiction")] if r]
    if not name.strip():
        reasons.append(Reason("name_missing", "系统名称不能为空", "name is required", "name"))
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        reasons.append(Reason("invalid_webhook_url", f"回调地址无效：{url}（须为 http 或 https 地址）",
                              f"invalid webhook URL {url!r} (http or https)", "webhook_url"))  # fmt: skip
    if signature.secret_key(secret) is None:
        low, high = signature.KEY_BYTES
        zh = f"共享密钥须为 whsec_ 加 {low} 至 {high} 字节随机数的 base64 编码（Standard Webhooks 格式）"
        en = f"the shared secret must be whsec_ + base64 of {low} to {high} random bytes (Standard Webhooks)"
        reasons.append(Reason("invalid_secret", zh, en, "secret"))
    if reasons:
        raise Refused(reasons)
    return Subscriber(f"{SubscriberKind.SYSTEM}:{key}", SubscriberKind.SYSTEM, code, name.strip(),
                      channels=(Channel.WEBHOOK,), webhook_url=url, webhook_secret=secret)  # fmt: skip


def _key_reason(key: str) -> Reason | None:
    if _ID.match(key):
        return None
    zh = f"标识无效：{key}（1至60位字母、数字、点、下划线或连字符）"
    return Reason("invalid_key", zh, f"invalid key {key!r} (1-60 letters, digits, . _ or -)", "key")


def new_subscription(
    ident: str, subscriber_id: str, event_type: str, programme: str | None, known_programmes: set[str],
    scope: str | None, include_descendants: bool, filter: dict[str, Any],
) -> Subscription:  # fmt: skip
    reasons: list[Reason] = []
    if not event_type.strip() or not re.match(r"^[a-z0-9_.*?\[\]-]+$", event_type):
        reasons.append(Reason("invalid_event_type", f"事件类型模式无效：{event_type}",
                              f"invalid event type pattern {event_type!r}", "event_type"))  # fmt: skip
    if programme and programme not in known_programmes:
        reasons.append(Reason("unknown_programme", f"未知的项目：{programme}",
                              f"unknown programme {programme!r}", "programme"))  # fmt: skip
    if scope and (r := _code_reason(scope, "scope")):
        reasons.append(r)
    for path, want in filter.items():
        if not path or isinstance(want, dict):
            zh = f"筛选条件无效：{path}（值须为文字、数字或其列表）"
            en = f"invalid filter on {path!r} (a value or a list of values)"
            reasons.append(Reason("invalid_filter", zh, en, "filter"))
    if reasons:
        raise Refused(reasons)
    return Subscription(ident, subscriber_id, event_type, programme or None, scope or None,
                        include_descendants, dict(filter))  # fmt: skip
