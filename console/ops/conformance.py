"""`zones conformance`: an outside system points it at its own records and learns, per record, whether
the headers, the signature, the schema and the authority are right — the verdicts the consumers'
admission (shared/messaging/admission.py, the gate) would reach, each with its reason in Chinese and
English. It only reads.

Signature and authority are judged apart, with the gate's own parts (shared/security/gate.py): the
signature by the trust store in force (the environment's trust settings), the authority by the gate
with signatures left aside, so a record whose key is not yet trusted still learns whether its claims
hold, and one whose data is wrong still learns whether its signature does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from shared.events.envelope import Envelope, MalformedEvent
from shared.security import gate
from shared.security.current import TrustPaths, trust_store
from shared.security.trust import Untrusted

ZH = {
    "unsigned": "未签名",
    "unknown_key": "签名密钥不在信任包中",
    "wrong_signer": "签名密钥与事件来源的辖区不符",
    "wrong_service": "签名密钥与事件来源的服务不符",
    "type_not_allowed": "签名密钥无权签署此事件类型",
    "key_not_yet_valid": "签名密钥尚未生效",
    "bad_signature": "签名与记录不符",
    "key_revoked": "签名密钥已吊销",
    "key_expired": "签名密钥已过期",
    "future_event": "事件时间超前于接收方时钟",
    "wrong_topic": "事件类型不在此主题上传输",
    "wrong_key": "记录键与主体须均为聚合标识",
    "not_authorised": "来源无权发布此事件",
}


@dataclass(frozen=True)
class Verdict:
    ok: bool | None  # None: not checked (no trust configured, or an earlier aspect failed)
    zh: str
    en: str

    def line(self, aspect: str) -> str:
        mark = {True: "✓", False: "✗", None: "-"}[self.ok]
        return f"  {aspect:<16} {mark} {self.zh} / {self.en}"


RIGHT = Verdict(True, "正确", "right")


@dataclass(frozen=True)
class Report:
    where: str
    what: str
    headers: Verdict
    signature: Verdict
    schema: Verdict
    authority: Verdict

    @property
    def conforms(self) -> bool:
        return all(v.ok is not False for v in self.aspects()) and self.signature.ok is not None

    def aspects(self) -> tuple[Verdict, ...]:
        return self.headers, self.signature, self.schema, self.authority

    def lines(self) -> list[str]:
        names = ("头部 headers", "签名 signature", "模式 schema", "权限 authority")
        verdict = "符合 conforms" if self.conforms else "不符合 does not conform"
        return [f"{self.where}  {self.what}  {verdict}"] + [
            v.line(n) for n, v in zip(names, self.aspects(), strict=True)
        ]


def judge(record: Any, trust: TrustPaths | None, now: datetime, skew: timedelta) -> Report:
    """The four verdicts on one record (an aiokafka ConsumerRecord, or anything shaped like one)."""
    where = f"{record.topic}@{record.partition}:{record.offset}"
    try:
        env = Envelope.from_record(record.headers or (), record.value)
    except MalformedEvent as exc:
        skipped = Verdict(None, "头部有误，未检查", "not checked: the headers are wrong")
        return Report(where, "(unreadable)", Verdict(False, "头部不符合 CloudEvents 规范", str(exc)),
                      skipped, skipped, skipped)  # fmt: skip
    try:
        env.payload()
        schema = RIGHT
    except MalformedEvent as exc:
        schema = Verdict(False, "数据不符合该类型的模式", str(exc)[:500])
    topic = record.topic if isinstance(record.topic, str) else ""
    key = record.key if isinstance(record.key, bytes | None) else None
    authority = _authority(env, topic, key, now, skew) if schema.ok else NOT_REACHED
    if trust is None:
        signature = Verdict(None, "未配置信任，未检查签名", "not checked: no trust configured")
    else:
        signature = _signature(env, trust, topic, key, now, skew)
    return Report(where, f"{env.type} {env.id}", RIGHT, signature, schema, authority)


NOT_REACHED = Verdict(None, "数据有误，未检查", "not checked: the data does not fit its schema")


def _signature(env: Envelope, trust: TrustPaths, topic: str, key: bytes | None, now: datetime,
               skew: timedelta) -> Verdict:  # fmt: skip
    """The gate's first step alone: the trust store in force vouches for the record, or says why not."""
    try:
        trust_store(trust, now).verify(env, now, topic=topic, key=key, skew=skew)
    except Untrusted as exc:
        return Verdict(False, ZH.get(exc.code, "签名不成立"), str(exc)[:500])
    return RIGHT


def _authority(env: Envelope, topic: str, key: bytes | None, now: datetime, skew: timedelta) -> Verdict:
    """The gate's other steps: topic, key and the authority rules, with signatures left aside."""
    try:
        gate.check(env, None, now, topic=topic, key=key, skew=skew)
    except Untrusted as exc:
        return Verdict(False, ZH.get(exc.code, "无权发布"), str(exc)[:500])
    return RIGHT


def summary(reports: list[Report]) -> str:
    bad = sum(not r.conforms for r in reports)
    return f"{len(reports)} 条记录，{bad} 条不符合 / {len(reports)} records, {bad} not conforming"
