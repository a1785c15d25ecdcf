"""What this process runs: the package version and, when the image was built with one, the git commit."""

from __future__ import annotations

import os
from importlib import metadata

UNKNOWN = "unknown"


def version() -> str:
    """The installed `zones` package's version (`unknown` when run from a source tree not installed)."""
    try:
        return metadata.version("zones")
    except metadata.PackageNotFoundError:
        return UNKNOWN


def commit() -> str:
    """`ZONES_GIT_COMMIT`, which the image build sets (deploy/Dockerfile: --build-arg GIT_COMMIT=…)."""
    return os.environ.get("ZONES_GIT_COMMIT", "").strip()[:40] or UNKNOWN
