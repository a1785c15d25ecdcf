"""What an applicant does through intake: pick a programme, check a draft, submit, revise, attach,
and read the application's timeline across the levels (intake records every level's decision)."""

from __future__ import annotations

from typing import Any

from services.workbench.domain.i18n import Lang, beijing, pick, t
from services.workbench.domain.session import Session
from services.workbench.service_layer.ports import Answer, Backends

APPLYING_KINDS = ("application", "self_nomination", "dossier")  # registrations are not applied for


async def programmes(backends: Backends, s: Session) -> list[dict[str, Any]]:
    answer = await backends.call(s.token, "intake", "/programmes")
    found = answer.data if answer.ok and isinstance(answer.data, list) else []
    return [p for p in found if p.get("kind") in APPLYING_KINDS]


async def definition(
    backends: Backends, s: Session, key: str, version: int | None = None
) -> dict[str, Any] | None:
    params = {"version": version} if version else None
    answer = await backends.call(s.token, "intake", f"/programmes/{key}", params=params)
    return answer.data if answer.ok and isinstance(answer.data, dict) else None


async def check(
    backends: Backends, s: Session, body: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every reason intake would refuse `body` for (none: it would be accepted now), and its warnings:
    norms of the notice the draft goes beyond, shown to the evaluators, never a refusal."""
    answer = await backends.call(s.token, "intake", "/applications/check", "POST", json=body)
    if answer.ok and isinstance(answer.data, dict):
        reasons = [r for r in answer.data.get("reasons", []) if isinstance(r, dict)]
        return reasons, [w for w in answer.data.get("warnings", []) if isinstance(w, dict)]
    return answer.reasons() or [_http_reason(answer)], []


async def withdraw(backends: Backends, s: Session, application_id: str, reason: str) -> Answer:
    return await backends.call(
        s.token, "intake", f"/applications/{application_id}/withdrawal", "POST", json={"reason": reason}
    )


async def submit(backends: Backends, s: Session, body: dict[str, Any]) -> Answer:
    return await backends.call(s.token, "intake", "/applications", "POST", json=body)


async def revise(backends: Backends, s: Session, application_id: str, body: dict[str, Any]) -> Answer:
    content = {k: v for k, v in body.items() if k not in ("programme", "applicant_code", "applicant_name")}
    return await backends.call(
        s.token, "intake", f"/applications/{application_id}/revisions", "POST", json=content
    )


def _http_reason(answer: Answer) -> dict[str, Any]:
    return {
        "code": f"http_{answer.status}",
        "message_zh": f"受理服务返回 HTTP {answer.status}",
        "message_en": f"intake answered HTTP {answer.status}",
    }


def timeline(app: dict[str, Any], programme: dict[str, Any] | None, lang: Lang) -> list[dict[str, str]]:
    """The application's history with stage and outcome names from its programme's definition."""
    stages = {st["key"]: st for st in (programme or {}).get("route", [])}
    rows = []
    for h in app.get("history", []):
        what = str(h.get("what", ""))
        stage, _, outcome = what.partition(":")
        if outcome and stage in stages:
            named = next((o for o in stages[stage].get("outcomes", []) if o["key"] == outcome), None)
            colon = ": " if lang == "en" else "："
            shown = f"{pick(stages[stage], lang)}{colon}{pick(named, lang) if named else outcome}"
        else:
            key = f"what_{what}"
            shown = t(key, lang) if _known(key) else what
        rows.append(
            {
                "at": beijing(h.get("at", "")),
                "what": shown,
                "by": str(h.get("by", "")),
                "detail": str(h.get("detail") or ""),
            }
        )
    return rows


def _known(key: str) -> bool:
    from services.workbench.domain.i18n import MESSAGES

    return key in MESSAGES
