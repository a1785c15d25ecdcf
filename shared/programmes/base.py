"""The strict base of every part of a definition: unknown fields are errors, values are frozen."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(Strict):
    """Anything a person reads about: a key and names in Chinese and English."""

    key: str
    name_zh: str
    name_en: str
