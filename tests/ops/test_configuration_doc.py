"""docs/configuration.md is what `zones config-doc` generates from the settings classes."""

from __future__ import annotations

from console.ops.commands import CONFIG_DOC, settings_sources
from console.ops.config_doc import render
from shared.settings import Settings


def test_configuration_reference_is_current() -> None:
    assert CONFIG_DOC.read_text(encoding="utf-8") == render(settings_sources()), (
        "stale: run `zones config-doc`"
    )


def test_every_setting_has_a_meaning() -> None:
    assert all(info.description for info in Settings.model_fields.values())
