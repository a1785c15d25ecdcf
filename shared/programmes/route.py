"""The review route: ordered stages, each with its owner, deciders, outcomes and scoring."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from shared.jurisdictions import Level
from shared.programmes.base import Named, Strict


class Effect(StrEnum):
    ADVANCE = "advance"  # to the next stage of the route
    REVISE = "revise"  # back to the applicant for revision, then the same stage again
    REJECT = "reject"  # ends the application
    DESIGNATE = "designate"  # ends the route with a designation: a zone, its period, its monitoring
    RECOGNISE = "recognise"  # ends the route with what the outcome confers (an achievement, a title):
    #                          no zone, no experiment period, nothing owed afterwards


ENDS_WELL = (Effect.DESIGNATE, Effect.RECOGNISE)  # the route ends with something conferred


class Decider(StrEnum):
    REVIEWER = "reviewer"  # an official of the owning jurisdiction
    EXPERT_PANEL = "expert_panel"  # experts score or judge; the owner records the result
    THIRD_PARTY = "third_party"  # a third-party organisation (第三方机构)
    JOINT_PANEL = "joint_panel"  # joint review (联席评审)
    HEAD = "head"  # the head of the owning authority signs


class Outcome(Strict):
    key: str
    name_zh: str
    name_en: str
    effect: Effect
    confers_zh: str = Field(
        "", description="What a `recognise` outcome confers, as people are told it (e.g. 提名成果)."
    )
    confers_en: str = ""

    @model_validator(mode="after")
    def _confers(self) -> Outcome:
        if (self.effect is Effect.RECOGNISE) != bool(self.confers_zh):
            raise ValueError("confers_zh: required for effect 'recognise' and only for it")
        return self


class Criterion(Named):
    """One scoring criterion of a stage; `weight` in the aggregate, `max_score` per scorer."""

    weight: float = Field(1.0, gt=0)
    max_score: float = Field(100.0, gt=0)


class Aggregation(Strict):
    """How the scores of several deciders become one result."""

    method: str = Field("mean", pattern="^(mean|median|trimmed_mean|sum)$")
    pass_threshold: float | None = Field(None, ge=0, description="Weighted score needed to pass.")
    min_scorers: int = Field(1, ge=1, description="Scores needed before the stage can be decided.")


class Stage(Strict):
    key: str
    name_zh: str
    name_en: str
    level: Level = Field(
        description="The level that owns this stage: the applicant's ancestor at that level."
    )
    owner: str | None = Field(
        None, pattern=r"^\d{6}$", description="A named jurisdiction owning the stage (overrides `level`)."
    )
    due_days: int = Field(gt=0, description="Days the owner has to decide.")
    deciders: Decider = Decider.REVIEWER
    anonymous: bool = Field(False, description="Deciders must not see who applied.")
    public_notice_days: int = Field(0, ge=0, description="Public notice (公示) after it; 0 = none.")
    support_measures: bool = Field(
        False, description="The owner's decision states its support measures (policy, funding, projects)."
    )
    outcomes: tuple[Outcome, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...] = ()
    aggregation: Aggregation | None = None

    @model_validator(mode="after")
    def _sound(self) -> Stage:
        keys = [o.key for o in self.outcomes]
        if len(set(keys)) != len(keys):
            raise ValueError("outcome keys must be unique")
        if self.aggregation is not None and not self.criteria:
            raise ValueError("aggregation needs criteria to aggregate")
        if self.owner is not None:
            from shared.jurisdictions import level

            if level(self.owner) is not self.level:
                raise ValueError(f"owner {self.owner} is not at level {self.level.value}")
        return self

    def outcome(self, key: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.key == key), None)

    @property
    def can_revise(self) -> bool:
        return any(o.effect is Effect.REVISE for o in self.outcomes)


class Resubmission(Strict):
    """How many failed reviews (outcome effect `revise`) of a stage are allowed before a bar."""

    max_failed_reviews: int = Field(ge=1)
    stages: tuple[str, ...] = Field((), description="Stages counted; empty = every stage.")
    bar: str = Field("theme", pattern="^(theme|programme)$", description="What is barred afterwards.")

    def counts(self, stage: str) -> bool:
        return not self.stages or stage in self.stages
