"""A programme definition: who may apply, when, with what; the review route; what a zone owes.

The parts live in `route.py`, `forms.py` and `aftercare.py`; they are re-exported here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import Field, model_validator

from shared.jurisdictions import Level, is_within, level, owner_at
from shared.programmes.aftercare import (
    Cadence,
    Indicator,
    Monitoring,
    Obligation,
    Registration,
    ScheduleItem,
    Success,
    UnitType,
)
from shared.programmes.base import Named, Strict
from shared.programmes.forms import Attestation, Document, Exclusion, FormField, Section, Theme, Window
from shared.programmes.route import (
    ENDS_WELL,
    Aggregation,
    Criterion,
    Decider,
    Effect,
    Outcome,
    Resubmission,
    Stage,
)
from shared.programmes.wording import comparable

__all__ = [
    "ENDS_WELL", "Aggregation", "Attestation", "Cadence", "Criterion", "Decider", "Document", "Effect",
    "Exclusion", "FormField", "Indicator", "Kind", "Monitoring", "Named", "Obligation", "Outcome",
    "Programme", "Registration", "Resubmission", "ScheduleItem", "Section", "Stage", "Strict", "Success",
    "Theme", "UnitType", "Window",
]  # fmt: skip


class Kind(StrEnum):
    APPLICATION = "application"  # 申报: an application with an experiment plan
    SELF_NOMINATION = "self_nomination"  # 自荐: a self-nomination form
    DOSSIER = "dossier"  # an achievement dossier (成果申报材料)
    REGISTRATION = "registration"  # units are registered, not applied for


class Programme(Strict):
    key: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    version: int = Field(ge=1)
    name_zh: str
    name_en: str
    kind: Kind = Kind.APPLICATION
    owner: str = Field(pattern=r"^\d{6}$")
    territory: str | None = Field(
        None, pattern=r"^\d{6}$", description="Where applicants lie; default owner."
    )
    document_prefix: str = Field(description="Prefix of designation document numbers, e.g. 鲁民函.")
    applicant_levels: tuple[Level, ...] = ()
    exceptional_levels: tuple[Level, ...] = Field((), description="Accepted only with a justification.")
    exclusions: tuple[Exclusion, ...] = ()
    attestations: tuple[Attestation, ...] = ()
    window: Window
    documents: tuple[Document, ...] = ()
    plan_min_characters: int = 0
    sections: tuple[Section, ...] = ()
    form_name_zh: str = ""
    form_name_en: str = ""
    form: tuple[FormField, ...] = ()
    themes: tuple[Theme, ...] = ()
    theme_required: bool = True
    guidance_expert_required: bool = False
    max_period_months: int | None = Field(None, gt=0)
    fixed_period_months: int | None = Field(None, gt=0)
    resubmission: Resubmission | None = None
    route: tuple[Stage, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    monitoring: Monitoring | None = None
    success: Success | None = None
    registration: Registration | None = None

    @model_validator(mode="after")
    def _sound(self) -> Programme:
        keys = [s.key for s in self.route]
        if len(set(keys)) != len(keys):
            raise ValueError("route: stage keys must be unique")
        if self.kind is Kind.REGISTRATION:
            if self.registration is None:
                raise ValueError("registration: required when kind is 'registration'")
            return self
        if not self.route:
            raise ValueError("route: at least one stage is required")
        if not self.applicant_levels:
            raise ValueError("applicant_levels: at least one level is required")
        if not any(o.effect in ENDS_WELL for o in self.route[-1].outcomes):
            raise ValueError(
                "route: the last stage must have an outcome with effect 'designate' or 'recognise'"
            )
        for stage in self.resubmission.stages if self.resubmission else ():
            found = self.stage(stage)
            if found is None or not found.can_revise:
                raise ValueError(f"resubmission.stages: {stage!r} is not a stage with a 'revise' outcome")
        if self.max_period_months and self.fixed_period_months:
            if self.fixed_period_months > self.max_period_months:
                raise ValueError("fixed_period_months: longer than max_period_months")
        return self

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.route if s.key == key), None)

    def is_failure(self, stage: str, outcome: str) -> bool:
        """True when `outcome` of `stage` is a failed review (its defined effect sends it back), whatever
        the decision's effect was: the failure that reaches the resubmission bar rejects instead."""
        found = self.stage(stage)
        return bool(found and any(o.key == outcome and o.effect is Effect.REVISE for o in found.outcomes))

    @property
    def first_stage(self) -> Stage:
        return self.route[0]

    def next_stage(self, key: str) -> Stage | None:
        keys = [s.key for s in self.route]
        i = keys.index(key)
        return self.route[i + 1] if i + 1 < len(self.route) else None

    def stage_owner(self, stage: Stage, applicant: str) -> str | None:
        """Who decides `stage` for `applicant`: the stage's named owner, or who acts at its level (a
        municipality's district has no prefecture: its province acts, shared/jurisdictions.owner_at)."""
        return stage.owner or owner_at(applicant, stage.level)

    def designating_authorities(self, applicant: str) -> set[str]:
        """Who may designate `applicant`: the owners of the stages that have a `designate` outcome (none
        for an applicant outside the programme's territory)."""
        if not is_within(applicant, self.applicant_territory):
            return set()
        stages = [s for s in self.route if any(o.effect is Effect.DESIGNATE for o in s.outcomes)]
        return {owner for s in stages if (owner := self.stage_owner(s, applicant))}

    @property
    def confers_zones(self) -> bool:
        """True when what the programme confers is monitored: a zone (designate) or a registered unit.
        An achievement or a title (recognise) is not a zone: no period, no requests, no dashboard."""
        designates = any(o.effect is Effect.DESIGNATE for s in self.route for o in s.outcomes)
        return self.kind is Kind.REGISTRATION or designates

    @property
    def title_holder(self) -> str:
        """Who holds a registered unit's title and alone may withdraw it (001:385): the registration's
        `title_holder`, else the programme's owner."""
        held = self.registration.title_holder if self.registration else None
        return held or self.owner

    def theme(self, zh: str) -> Theme | None:
        """The listed theme `zh` names, ignoring spaces, quote styles and bracket widths."""
        wanted = comparable(zh)
        return next((t for t in self.themes if comparable(t.zh) == wanted), None)

    @property
    def applicant_territory(self) -> str:
        return self.territory or self.owner

    def accepts_level(self, applicant: str) -> bool:
        return level(applicant) in self.applicant_levels

    @property
    def period_required(self) -> bool:
        return bool(self.max_period_months or self.fixed_period_months)

    def due(self, start: datetime, days: int) -> date:
        return (start.astimezone(ZoneInfo(self.window.timezone)) + timedelta(days=days)).date()
