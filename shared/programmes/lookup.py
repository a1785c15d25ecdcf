"""The one way a service finds the programme (version) an application, case or zone was made under."""

from __future__ import annotations

from shared.errors import Reason, Refused
from shared.programmes.loader import Catalogue
from shared.programmes.model import Programme


class UnknownProgramme(Refused):
    """No definition of this programme (version) is loaded.

    Answered with 422, not 404, in every service: the URL names an application, case, task or zone
    that does exist; what is missing is the programme it refers to, so the request cannot be carried
    out under any rules rather than aimed at nothing. (`GET /programmes/{key}`, whose URL names the
    programme itself, still answers 404.)
    """

    def __init__(self, key: str, version: int | None = None) -> None:
        self.key, self.version = key, version
        if version is None:
            zh, en = f"没有这个项目：{key}", f"no such programme: {key}"
        else:
            zh, en = f"没有这个项目版本：{key} 第{version}版", f"no such programme version: {key} v{version}"
        super().__init__([Reason("unknown_programme", zh, en, "programme")])


def programme_of(catalogue: Catalogue, key: str, version: int | None = None) -> Programme:
    """The definition of `key` at `version` (the latest when None); UnknownProgramme when none is loaded."""
    programme = catalogue.get(key, version)
    if programme is None:
        raise UnknownProgramme(key, version)
    return programme
