"""An application form generated from a programme definition, and the body intake takes from it.

The definition (as intake serves it at `/programmes/{key}`) says what a form holds: title, theme
(from its list), period (up to its maximum), the public mailbox, a guidance expert where required,
one text area per plan section and per document, the programme's own form fields and the conditions
to attest to. Field names in the HTML are the body's paths (`plan.background`, `form.population`),
so a posted form maps back to intake's body without a table of special cases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.workbench.domain.i18n import Lang, pick, t
from shared.programmes.model import Kind, Programme


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the body path: title, plan.background, form.population, attestations
    label: str
    kind: str  # text, textarea, number, email, select, checkbox, checkboxes
    required: bool = True
    hint: str = ""
    min_characters: int = 0
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class FormGroup:
    legend: str
    fields: tuple[FieldSpec, ...]
    hint: str = ""


@dataclass(frozen=True)
class FormSpec:
    programme: str
    version: int
    name: str
    groups: tuple[FormGroup, ...] = field(default_factory=tuple)

    @property
    def fields(self) -> list[FieldSpec]:
        return [f for g in self.groups for f in g.fields]


def form_of(definition: Mapping[str, Any], lang: Lang) -> FormSpec:
    """The form for one programme definition, labelled in `lang`."""
    p = Programme.model_validate(dict(definition))
    basics: list[FieldSpec] = [FieldSpec("title", t("title", lang), "text")]
    if p.themes:
        choices = tuple(Choice(th.zh, th.en if lang == "en" and th.en else th.zh) for th in p.themes)
        basics.append(FieldSpec("theme", t("theme", lang), "select", p.theme_required, choices=choices))
    elif p.kind is Kind.APPLICATION:
        basics.append(FieldSpec("theme", t("theme", lang), "text", p.theme_required))
    if p.period_required:
        most = p.fixed_period_months or p.max_period_months
        hint = f"{t('at_most', lang)} {most}"
        basics.append(FieldSpec("period_months", t("period_months", lang), "number", True, hint, 0, 1, most))
    basics.append(FieldSpec("contact_email", t("contact_email", lang), "email"))
    if p.guidance_expert_required:
        basics.append(FieldSpec("guidance_expert", t("guidance_expert", lang), "text"))
    groups = [FormGroup(pick(p.model_dump(), lang), tuple(basics))]
    if p.sections:
        hint = t("plan_min", lang, n=p.plan_min_characters) if p.plan_min_characters else ""
        sections = tuple(
            FieldSpec(f"plan.{s.key}", pick(s.model_dump(), lang), "textarea", True, "", s.min_characters)
            for s in p.sections
        )
        groups.append(FormGroup(t("plan", lang), sections, hint))
    if p.documents:
        docs = tuple(
            FieldSpec(
                f"documents.{d.key}", pick(d.model_dump(), lang), "textarea", True, "", d.min_characters
            )
            for d in p.documents
        )
        groups.append(FormGroup(t("documents", lang), docs))
    if p.form:
        own = tuple(_own_field(f.model_dump(), lang) for f in p.form)
        legend = pick({"name_zh": p.form_name_zh, "name_en": p.form_name_en}, lang) or t("form", lang)
        groups.append(FormGroup(legend, own))
    if p.attestations:
        choices = tuple(Choice(a.key, pick(a.model_dump(), lang)) for a in p.attestations)
        attest = FieldSpec("attestations", t("attestations", lang), "checkboxes", True, choices=choices)
        groups.append(FormGroup(t("attestations", lang), (attest,)))
    return FormSpec(p.key, p.version, pick(p.model_dump(), lang), tuple(groups))


def _own_field(f: Mapping[str, Any], lang: Lang) -> FieldSpec:
    kind = {"number": "number", "boolean": "checkbox"}.get(
        f["type"], "textarea" if f["min_characters"] else "text"
    )
    unit = f" （{f['unit']}）" if f.get("unit") else ""
    norm = f.get("guidance_max")  # a norm intake warns about, never refuses: said beside the field
    hint = f"{t('guidance_max', lang)} {norm:g}{f.get('unit', '')}" if norm is not None else ""
    return FieldSpec(
        f"form.{f['key']}",
        pick(f, lang) + unit,
        kind,
        bool(f["required"]),
        hint,
        f["min_characters"],
        f.get("min"),
        f.get("max"),
    )


def body_of(
    spec: FormSpec, posted: Mapping[str, Any], applicant_code: str, applicant_name: str
) -> dict[str, Any]:
    """Intake's application body from a posted form (`posted`: name → str, or list for checkboxes).
    Values are passed on as typed; intake's rules, not the workbench, decide what is acceptable."""
    body: dict[str, Any] = {
        "programme": spec.programme,
        "applicant_code": applicant_code,
        "applicant_name": applicant_name,
        "plan": {},
        "documents": {},
        "form": {},
        "attestations": [],
    }
    for f in spec.fields:
        raw = posted.get(f.name)
        value: Any
        if f.kind == "checkboxes":
            value = [v for v in (raw if isinstance(raw, list) else [raw] if raw else []) if v]
        elif f.kind == "checkbox":
            value = raw not in (None, "", "false", "off")
        elif f.kind == "number":
            value = _number(raw)
        else:
            value = "" if raw is None else str(raw)
        head, _, tail = f.name.partition(".")
        if tail:
            if f.kind == "number" and value is None:
                continue
            body[head][tail] = value
        elif head == "period_months":
            body[head] = int(value) if isinstance(value, float) and value.is_integer() else 0
        elif head == "guidance_expert":
            body[head] = value or None
        else:
            body[head] = value
    body["title"] = body.get("title") or ""
    body["contact_email"] = body.get("contact_email") or ""
    return body


def _number(raw: Any) -> float | None:
    try:
        return float(str(raw).strip()) if raw not in (None, "") else None
    except ValueError:
        return None


def filled_from(body: Mapping[str, Any]) -> dict[str, Any]:
    """The posted-form view of an application body (to fill a form again: revisions, a refused draft)."""
    values: dict[str, Any] = {}
    for key, value in body.items():
        if isinstance(value, dict):
            values |= {f"{key}.{k}": v for k, v in value.items()}
        else:
            values[key] = value
    return values
