"""What was filed: documents, plan sections and length, form fields, theme, expert, period."""

from __future__ import annotations

from services.intake.domain.draft import Draft
from services.intake.domain.period import period
from services.intake.domain.plan_text import count_characters
from shared.errors import Reason
from shared.programmes.model import FormField, Programme


def documents(draft: Draft, programme: Programme) -> list[Reason]:
    out: list[Reason] = []
    for doc in programme.documents:
        text = draft.documents.get(doc.key, "")
        n = count_characters(text)
        if not text.strip():
            out.append(
                Reason(
                    "missing_document",
                    f"缺少材料：{doc.name_zh}",
                    f"document missing: {doc.name_en}",
                    f"documents.{doc.key}",
                )
            )
        elif n < doc.min_characters:
            out.append(
                Reason(
                    "document_too_short",
                    f"“{doc.name_zh}”不少于{doc.min_characters}字（现为{n}字）",
                    f"{doc.name_en} must have at least {doc.min_characters} characters (has {n})",
                    f"documents.{doc.key}",
                )
            )
    return out


def plan(draft: Draft, programme: Programme) -> list[Reason]:
    out: list[Reason] = []
    for section in programme.sections:
        text = draft.plan.get(section.key, "")
        n = count_characters(text)
        if not text.strip():
            out.append(
                Reason(
                    "missing_section",
                    f"实验方案缺少“{section.name_zh}”部分",
                    f"plan section missing: {section.name_en}",
                    f"plan.{section.key}",
                )
            )
        elif n < section.min_characters:
            out.append(
                Reason(
                    "section_too_short",
                    f"“{section.name_zh}”不少于{section.min_characters}字（现为{n}字）",
                    f"{section.name_en} must have at least {section.min_characters} characters (has {n})",
                    f"plan.{section.key}",
                )
            )
    length = sum(count_characters(t) for t in draft.plan.values())
    if length < programme.plan_min_characters:
        out.append(
            Reason(
                "plan_too_short",
                f"实验方案不少于{programme.plan_min_characters}字（现为{length}字）",
                f"plan must have at least {programme.plan_min_characters} characters (has {length})",
                "plan",
            )
        )
    return out


def _field(spec: FormField, value: object) -> Reason | None:
    where = f"form.{spec.key}"
    if value is None or (isinstance(value, str) and not value.strip()):
        if not spec.required:
            return None
        return Reason("missing_field", f"缺少“{spec.name_zh}”", f"missing: {spec.name_en}", where)
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return Reason(
                "field_not_a_number", f"“{spec.name_zh}”应为数字", f"{spec.name_en} must be a number", where
            )
        if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
            low, high = ("" if b is None else f"{b:g}" for b in (spec.min, spec.max))
            bounds = f"{low}–{high}{spec.unit}"
            return Reason(
                "field_out_of_range",
                f"“{spec.name_zh}”应在{bounds}之间",
                f"{spec.name_en} must be within {bounds}",
                where,
            )
        return None
    if spec.type == "boolean":
        ok = value is True or not spec.required
        return (
            None
            if ok
            else Reason("missing_field", f"须确认“{spec.name_zh}”", f"must confirm: {spec.name_en}", where)
        )
    n = count_characters(str(value))
    if n < spec.min_characters:
        return Reason(
            "field_too_short",
            f"“{spec.name_zh}”不少于{spec.min_characters}字（现为{n}字）",
            f"{spec.name_en} must have at least {spec.min_characters} characters (has {n})",
            where,
        )
    return None


def form(draft: Draft, programme: Programme) -> list[Reason]:
    return [r for spec in programme.form if (r := _field(spec, draft.form.get(spec.key))) is not None]


def choices(draft: Draft, programme: Programme) -> list[Reason]:
    out: list[Reason] = []
    theme = draft.theme.strip()
    if programme.theme_required and not theme:
        out.append(Reason("theme_missing", "须填写实验主题", "a theme is required", "theme"))
    elif programme.themes and theme and programme.theme(theme) is None:
        out.append(
            Reason(
                "theme_not_listed",
                f"实验主题不在参考选题中：{theme}",
                "theme is not on the programme's list",
                "theme",
            )
        )
    if programme.guidance_expert_required and not (draft.guidance_expert or "").strip():
        out.append(
            Reason(
                "guidance_expert_missing",
                "须邀请专家委员会委员作为指导专家",
                "a guidance expert from the expert committee is required",
                "guidance_expert",
            )
        )
    return out + period(draft, programme)
