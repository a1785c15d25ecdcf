"""Rows ↔ domain objects, field by field."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from services.monitoring.adapters.tables import (
    InspectionRow,
    ObligationRow,
    ProgressReportRow,
    RequestRow,
    SubmissionRow,
    ZoneRow,
)
from services.monitoring.domain.model import (
    Obligation,
    ObligationState,
    Submission,
    Zone,
    ZoneRequest,
    ZoneState,
)
from services.monitoring.domain.records import Inspection, ProgressReport

_CHILDREN = ("obligations", "submissions", "requests", "inspections", "progress_reports", "events")
ZONE_FIELDS = tuple(f.name for f in fields(Zone) if f.name not in _CHILDREN)


def _values(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(obj, n) for n in names}


def zone_row(zone: Zone) -> ZoneRow:
    data = _values(zone, ZONE_FIELDS)
    return ZoneRow(**{**data, "state": zone.state.value}, territory=zone.territory)


def zone_of(
    row: ZoneRow,
    obligations: list[Obligation],
    subs: list[Submission],
    reqs: list[ZoneRequest],
    inspections: list[Inspection] | None = None,
    reports: list[ProgressReport] | None = None,
) -> Zone:
    data = _values(row, ZONE_FIELDS)
    return Zone(
        **{**data, "state": ZoneState(row.state)},
        obligations=obligations,
        submissions=subs,
        requests=reqs,
        inspections=inspections or [],
        progress_reports=reports or [],
    )


_OB = tuple(f.name for f in fields(Obligation))
_SUB = tuple(f.name for f in fields(Submission))
_REQ = tuple(f.name for f in fields(ZoneRequest))


def obligation_row(ob: Obligation) -> ObligationRow:
    return ObligationRow(**{**_values(ob, _OB), "state": ob.state.value})


def obligation_of(row: ObligationRow) -> Obligation:
    return Obligation(**{**_values(row, _OB), "state": ObligationState(row.state)})


def submission_row(zone_id: str, sub: Submission) -> SubmissionRow:
    return SubmissionRow(zone_id=zone_id, **_values(sub, _SUB))


def submission_of(row: SubmissionRow) -> Submission:
    return Submission(**_values(row, _SUB))


def request_row(zone_id: str, req: ZoneRequest) -> RequestRow:
    return RequestRow(zone_id=zone_id, **_values(req, _REQ))


def request_of(row: RequestRow) -> ZoneRequest:
    return ZoneRequest(**_values(row, _REQ))


_INS = tuple(f.name for f in fields(Inspection))
_REP = tuple(f.name for f in fields(ProgressReport))


def inspection_row(zone_id: str, record: Inspection) -> InspectionRow:
    return InspectionRow(zone_id=zone_id, **_values(record, _INS))


def inspection_of(row: InspectionRow) -> Inspection:
    return Inspection(**_values(row, _INS))


def report_row(zone_id: str, report: ProgressReport) -> ProgressReportRow:
    return ProgressReportRow(zone_id=zone_id, **_values(report, _REP))


def report_of(row: ProgressReportRow) -> ProgressReport:
    return ProgressReport(**_values(row, _REP))
