"""What evaluators should know about an acceptable application: a norm the notice states (一般不超过)
that the applicant's figures go beyond. Advice never refuses; it is shown on the check, kept in the
application's history and travels with the submission to the reviewing levels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.errors import Reason
from shared.programmes.model import Programme


def advisories(form: Mapping[str, Any], programme: Programme) -> list[Reason]:
    out: list[Reason] = []
    for spec in programme.form:
        value = form.get(spec.key)
        if spec.guidance_max is None or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if value > spec.guidance_max:
            norm = f"{spec.guidance_max:g}{spec.unit}"
            out.append(
                Reason(
                    "beyond_guidance",
                    f"“{spec.name_zh}”为{value:g}{spec.unit}，超过通知所说的一般不超过{norm}：请评估时留意",
                    f"{spec.name_en} is {value:g}{spec.unit}, beyond the notice's norm of {norm} "
                    "(not a refusal: for the evaluators)",
                    f"form.{spec.key}",
                )
            )
    return out
