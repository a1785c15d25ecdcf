"""Who acts in the demo: each request carries the token of the official (or county) acting there."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import httpx

from console.local.stack import ROOT, issue_local

if TYPE_CHECKING:
    from console.local.demo import Topology


class ActorTokens(httpx.Auth):
    """Each request carries the token of whoever acts there: the applying county at intake, each
    review instance's own reviewer, Shandong's monitor, the national admin reading notify's records."""

    def __init__(self, secret: str, topo: Topology) -> None:
        self.secret, self.applicant = secret, "370103"
        self.by_port = {
            topo.prefecture.port: ("济南市民政局 李明", "reviewer", "370100"),
            topo.province.port: ("山东省民政厅 赵强", "reviewer", "370000"),
            topo.monitoring.port: ("山东省民政厅 监测", "monitor", "370000"),
            topo.notify.port: ("本地管理员", "admin", "000000"),
        }
        self.intake_port = topo.intake.port

    def auth_flow(self, request: httpx.Request) -> Any:
        if request.url.port == self.intake_port:
            actor = (f"{self.applicant} 申报单位", "applicant", self.applicant)
        else:
            actor = self.by_port[request.url.port or 80]
        request.headers["Authorization"] = f"Bearer {issue_local(self.secret, *actor, days=1)}"
        yield request


def local_secret(workdir: str = ".zones/run") -> str:
    """The running local stack's token secret (ZONES_TOKEN_SECRET, or the one `zones run` made)."""
    path = ROOT / workdir / "token-secret"
    found = os.environ.get("ZONES_TOKEN_SECRET", "")
    return found or (path.read_text(encoding="utf-8").strip() if path.exists() else "")
