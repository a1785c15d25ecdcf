"""Calls the deployment's own instances over HTTP with the signed-in person's bearer token."""

from __future__ import annotations

from typing import Any

import httpx

from services.workbench.service_layer.ports import Answer, Unavailable


def parse_services(spec: str) -> dict[str, str]:
    """`intake-370000=http://…,review-370100=http://…` → {instance: base URL}; ValueError when malformed."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        name, sep, url = part.partition("=")
        service, dash, code = name.strip().rpartition("-")
        if not sep or not dash or not (code.isdigit() and len(code) == 6) or not url.startswith("http"):
            raise ValueError(
                f"ZONES_WORKBENCH_SERVICES: {part!r} is not instance=URL (review-370100=http://host:port)"
            )
        found[f"{service}-{code}"] = url.strip().rstrip("/")
    return found


class HttpBackends:
    def __init__(self, services: dict[str, str], timeout_s: float = 10.0) -> None:
        self.services = services
        self.client = httpx.AsyncClient(timeout=timeout_s)

    def instances(self) -> list[str]:
        return sorted(self.services)

    def reviews(self) -> list[str]:
        return sorted(name.rpartition("-")[2] for name in self.services if name.startswith("review-"))

    def has(self, service: str) -> bool:
        return any(name.rpartition("-")[0] == service for name in self.services)

    def url_of(self, service: str, jurisdiction: str | None) -> tuple[str, str]:
        for name, url in sorted(self.services.items()):
            kind, _, code = name.rpartition("-")
            if kind == service and (jurisdiction is None or code == jurisdiction):
                return name, url
        raise Unavailable(f"{service}-{jurisdiction or '*'}")

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
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Answer:
        name, base = self.url_of(service, jurisdiction)
        try:
            res = await self.client.request(
                method,
                base + path,
                json=json,
                params=params,
                files=files,
                headers={"Authorization": f"Bearer {token}"},
            )
        except httpx.HTTPError as exc:
            raise Unavailable(name) from exc
        try:
            data = res.json() if res.content else None
        except ValueError:
            data = None
        return Answer(res.status_code, data, {k.lower(): v for k, v in res.headers.items()})

    async def close(self) -> None:
        await self.client.aclose()
