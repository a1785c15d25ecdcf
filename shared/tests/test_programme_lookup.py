"""One programme lookup for every service, refusing an unknown programme one way (422, both languages)."""

from __future__ import annotations

import pytest

from shared.errors import Refused
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import UnknownProgramme, programme_of

CATALOGUE = default_catalogue()


def test_a_known_programme_is_found_at_its_version_or_the_latest() -> None:
    latest = programme_of(CATALOGUE, "shandong-zones")
    assert latest.version == max(CATALOGUE.versions("shandong-zones"))
    assert programme_of(CATALOGUE, "shandong-zones", 1).version == 1


def test_an_unknown_version_is_refused_with_its_id_and_version_in_both_languages() -> None:
    with pytest.raises(UnknownProgramme) as err:
        programme_of(CATALOGUE, "shandong-zones", 99)
    assert (err.value.key, err.value.version, err.value.status) == ("shandong-zones", 99, 422)
    assert isinstance(err.value, Refused)
    [reason] = err.value.reasons
    assert (reason.code, reason.field) == ("unknown_programme", "programme")
    assert "shandong-zones" in reason.message_zh and "第99版" in reason.message_zh
    assert reason.message_en == "no such programme version: shandong-zones v99"


def test_an_unknown_key_is_refused_without_a_version() -> None:
    with pytest.raises(UnknownProgramme) as err:
        programme_of(CATALOGUE, "atlantis-zones")
    assert err.value.version is None
    assert err.value.reasons[0].message_zh == "没有这个项目：atlantis-zones"
    assert err.value.reasons[0].message_en == "no such programme: atlantis-zones"
