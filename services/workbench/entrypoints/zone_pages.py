"""Zone officials' pages: zones in their territory, a zone's obligations on a calendar with filings to
review and requests, and the dashboards (monitoring's /dashboard and /zones, drawn with ECharts)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.workbench.domain import charts
from services.workbench.domain.i18n import t
from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import lang, posted, signed_in
from services.workbench.entrypoints.rendering import page

router = APIRouter()
Signed = Annotated[Session, Depends(signed_in)]


async def _zones(request: Request, s: Session) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    answer = await request.app.state.backends.call(s.token, "monitoring", "/zones")
    return (answer.data if answer.ok and isinstance(answer.data, list) else []), answer.reasons()


@router.get("/zones", response_class=HTMLResponse)
async def zones(request: Request, s: Signed) -> HTMLResponse:
    found, reasons = await _zones(request, s)
    return await page(request, "zones.html", s, zones=found, reasons=reasons)


@router.get("/zones/{zone_id}", response_class=HTMLResponse)
async def zone(zone_id: str, request: Request, s: Signed) -> HTMLResponse:
    return await _show(zone_id, request, s)


async def _show(
    zone_id: str, request: Request, s: Session, reasons: list[Any] | None = None, status: int = 200
) -> HTMLResponse:
    answer = await request.app.state.backends.call(s.token, "monitoring", f"/zones/{zone_id}")
    if not answer.ok or not isinstance(answer.data, dict):
        return await page(request, "error.html", s, status_code=404, message_key="error")
    z = answer.data
    pending = [f for f in z.get("submissions", []) if not f.get("outcome")]
    return await page(
        request,
        "zone.html",
        s,
        status_code=status,
        z=z,
        months=charts.months(z["obligations"]),
        pending=pending,
        reasons=reasons,
    )


@router.post("/zones/{zone_id}/obligations/{obligation_id}/review", response_class=HTMLResponse)
async def review_filing(
    zone_id: str, obligation_id: str, request: Request, s: Annotated[Session, Depends(posted)]
) -> Response:
    form = await request.form()
    body = {
        "outcome": str(form.get("outcome", "")),
        "reviewer": s.subject,
        "opinion": str(form.get("opinion", "")),
    }
    answer = await request.app.state.backends.call(
        s.token, "monitoring", f"/zones/{zone_id}/obligations/{obligation_id}/review", "POST", json=body
    )
    if answer.ok:
        return RedirectResponse(f"/zones/{zone_id}", status_code=303)
    return await _show(zone_id, request, s, answer.reasons(), answer.status)


@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard(request: Request, s: Signed) -> HTMLResponse:
    here = lang(request)
    within = s.jurisdiction
    answer = await request.app.state.backends.call(
        s.token, "monitoring", "/dashboard", params={"within": within}
    )
    board = answer.data if answer.ok and isinstance(answer.data, dict) else {}
    found, _ = await _zones(request, s)
    figures = [
        charts.indicators(
            board,
            here,
            t("chart_indicators", here),
            (t("indicator", here), t("reported", here), t("target", here)),
        ),
        charts.overdue_per_prefecture(
            board, found, t("chart_overdue", here), (t("prefecture", here), t("overdue", here))
        ),
        charts.designations_per_year(
            found, t("chart_designations", here), (t("year", here), t("count", here))
        ),
    ]
    return await page(request, "dashboard.html", s, board=board, figures=figures, reasons=answer.reasons())
