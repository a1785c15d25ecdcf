"""Where a webhook may go: a public address, never the deployment itself or a network behind it, unless
the operator's allow-list (`ZONES_WEBHOOK_ALLOW`) names the host or a network holding its address.

Refused: loopback, private (RFC 1918, ULA, shared 100.64/10), link-local (169.254/16 with the cloud
metadata address, fe80::/10), unspecified, multicast, reserved and any other non-global address, and
the deployment's own hosts (its database, broker and mail server, by name or by address). Every address
a name resolves to is judged; one bad answer refuses it (a rebinding name answers both)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from shared.errors import Reason

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FIELD = "webhook_url"
_KINDS = {  # checked in this order; the first that fits names the refusal
    "loopback": ("本机回环地址", "a loopback address"),
    "link_local": ("链路本地地址（含云主机元数据地址）", "a link-local address (cloud metadata too)"),
    "unspecified": ("未指定地址", "the unspecified address"),
    "multicast": ("组播地址", "a multicast address"),
    "private": ("内网地址", "a private network address"),
    "reserved": ("保留地址", "a reserved address"),
}


class TargetNotAllowed(Exception):
    """Raised at send: the target is not (or no longer) allowed; trying again will not help."""


OWN = ("本系统自身的服务器（数据库、消息代理或邮件服务器）",
       "one of this deployment's own servers (database, broker or mail server)")  # fmt: skip


def host_key(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def address_kind(address: Address) -> str | None:
    """Why no webhook may go to `address` on its own merits; None for a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for kind in _KINDS:
        if getattr(address, f"is_{kind}"):
            return kind
    return None if address.is_global else "reserved"


@dataclass(frozen=True)
class TargetRules:
    allowed_hosts: frozenset[str] = frozenset()
    allowed_networks: tuple[Network, ...] = ()
    own_hosts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, allow: str, own_hosts: Iterable[str]) -> TargetRules:
        """`allow` is the comma-separated setting: host names, addresses and CIDR networks."""
        hosts, networks = set(), []
        for item in (host_key(i) for i in allow.split(",") if i.strip()):
            hosts.add(item)  # named as written: 127.0.0.1 allows the host 127.0.0.1 even if it is our own
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                pass  # a host name
        return cls(frozenset(hosts), tuple(networks), frozenset(host_key(h) for h in own_hosts if h))

    def refusal(self, host: str, addresses: Iterable[Address], own: Iterable[Address] = ()) -> Reason | None:
        """Why a webhook may not go to `host` resolving to `addresses` (`own`: the addresses the
        deployment's own hosts resolve to); None when it may."""
        name = host_key(host)
        if name in self.allowed_hosts:
            return None
        if name in self.own_hosts:
            return _reason(host, *OWN)
        found, own_addresses = list(addresses), set(own)
        if not found:
            return Reason("webhook_host_unresolved", f"回调地址的主机无法解析：{host}",
                          f"the webhook host does not resolve: {host}", FIELD)  # fmt: skip
        for address in found:
            if any(address in network for network in self.allowed_networks):
                continue
            if address in own_addresses:
                return _reason(f"{host} ({address})", *OWN)
            if kind := address_kind(address):
                return _reason(f"{host} ({address})", *_KINDS[kind])
        return None


def _reason(target: str, zh: str, en: str) -> Reason:
    return Reason(
        "webhook_target_not_allowed",
        f"回调地址不允许：{target} 是{zh}；如确需使用，须由运维人员列入 ZONES_WEBHOOK_ALLOW",
        f"webhook target not allowed: {target} is {en}; an operator must list it in ZONES_WEBHOOK_ALLOW",
        FIELD,
    )
