"""The example's work: Jinan's own review system takes the prefecture stage of the applications of its
counties. It reads each task opened for it, and decides it with a signed `stage_decided` event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from municipal_system.consume import Received
from municipal_system.contract import Record, SigningKey, new_record


def decision(task: Received, submitted: dict[str, Any], jurisdiction: str, signer: SigningKey,
             outcome: tuple[str, str, str, str | None], opinion: str) -> Record:  # fmt: skip
    """The signed decision of an opened task; `outcome` = (key, name, effect, next stage), from the
    programme's route; `submitted` is the application's submitted event (for its theme and version)."""
    t = task.data
    key, name, effect, next_stage = outcome
    data = {
        "task_id": t["task_id"], "application_id": t["application_id"], "programme": t["programme"],
        "programme_version": submitted["programme_version"], "stage": t["stage"],
        "stage_name": t["stage_name"], "outcome": key, "outcome_name": name, "effect": effect,
        "next_stage": next_stage, "decided_by": jurisdiction,
        "reviewer": f"reviewer:{jurisdiction}:{t['task_id'][:8]}", "opinion": opinion,
        "applicant": t["applicant"], "title": t["title"], "theme": submitted["theme"],
        "decided_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }  # fmt: skip
    attributes = task.record.attributes()
    return new_record(
        "zones.review.stage_decided.v1", data, t["application_id"], f"/jurisdictions/{jurisdiction}/review",
        signer, correlation_id=attributes.get("correlationid"), causation_id=attributes["id"],
    )  # fmt: skip
