"""A fake deployment for the workbench's unit tests: canned answers by (service, method, path), every
call recorded with the token it carried (the workbench keeps no state; this is all it talks to)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from services.workbench.service_layer.ports import Answer
from shared.programmes.loader import default_catalogue

Handler = Answer | Callable[[dict[str, Any]], Answer]


@dataclass
class FakeBackends:
    review_codes: list[str] = field(default_factory=lambda: ["370000", "370100"])
    routes: dict[tuple[str, str, str], Handler] = field(default_factory=dict)
    calls: list[dict[str, Any]] = field(default_factory=list)

    def reviews(self) -> list[str]:
        return list(self.review_codes)

    def has(self, service: str) -> bool:
        return True

    def answer(self, service: str, method: str, path: str, handler: Handler) -> None:
        self.routes[(service, method, path)] = handler

    async def call(
        self,
        token: str,
        service: str,
        path: str,
        method: str = "GET",
        *,
        jurisdiction: str | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
        files: Any = None,
    ) -> Answer:
        call = {
            "token": token,
            "service": service,
            "path": path,
            "method": method,
            "jurisdiction": jurisdiction,
            "json": json,
            "params": params,
            "files": files,
        }
        self.calls.append(call)
        handler = self.routes.get((service, method, path))
        if handler is None:
            return Answer(
                404, {"reasons": [{"code": "not_found", "message_zh": "不存在", "message_en": "not found"}]}
            )
        return handler(call) if callable(handler) else handler

    def called(self, service: str, method: str, path: str) -> list[dict[str, Any]]:
        return [c for c in self.calls if (c["service"], c["method"], c["path"]) == (service, method, path)]


def with_programmes(fake: FakeBackends) -> FakeBackends:
    """Intake's programme routes, from the shipped definitions (as intake serves them)."""
    catalogue = default_catalogue()
    listed = [
        {
            "key": p.key,
            "version": p.version,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "owner": p.owner,
            "kind": p.kind.value,
            "versions": catalogue.versions(p.key),
        }
        for p in catalogue.latest_all()
    ]
    fake.answer("intake", "GET", "/programmes", Answer(200, listed))
    for p in catalogue.latest_all():
        fake.answer("intake", "GET", f"/programmes/{p.key}", Answer(200, p.model_dump(mode="json")))
    return fake
