"""Anonymous review (匿名评审): in such a stage nobody is shown who applied — not its code, name,
reference number (which holds the code), nor the title or history where the name appears."""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

HIDDEN_CODE = ""


class Identified(Protocol):
    id: str
    application_id: str
    applicant_code: str
    applicant_name: str
    title: str
    anonymous: bool


def pseudonym(application_id: str) -> str:
    """A stable stand-in for the applicant, the same for every reviewer: 匿名申报单位 7F3A."""
    return f"匿名申报单位 {hashlib.sha256(application_id.encode()).hexdigest()[:4].upper()}"


def shown_applicant(task: Identified) -> tuple[str, str]:
    if task.anonymous:
        return HIDDEN_CODE, pseudonym(task.application_id)
    return task.applicant_code, task.applicant_name


def scrub(text: str, code: str, name: str, stand_in: str) -> str:
    """`text` without the applicant's name or code (or a reference number built on the code)."""
    for secret in sorted({name, code, *_name_parts(name)}, key=len, reverse=True):
        if secret:
            text = text.replace(secret, stand_in)
    return text


def _name_parts(name: str) -> list[str]:
    # 济南市市中区 → also 市中区: a title often names the district alone.
    return [name[i:] for i in range(1, len(name)) if len(name) - i >= 2 and name[i - 1] in "省市州盟"]


def shown_title(task: Identified) -> str:
    if not task.anonymous:
        return task.title
    return scrub(task.title, task.applicant_code, task.applicant_name, pseudonym(task.application_id))


def scrub_record(data: dict[str, Any], code: str, name: str, stand_in: str) -> dict[str, Any]:
    """Every string in a (nested) record scrubbed."""

    def clean(key: str, value: Any) -> Any:
        if key == "id" or key.endswith("_id"):
            return value  # ids are not identity, and must stay usable
        if isinstance(value, str):
            return scrub(value, code, name, stand_in)
        if isinstance(value, dict):
            return {k: clean(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(key, v) for v in value]
        return value

    return {k: clean(k, v) for k, v in data.items()}
