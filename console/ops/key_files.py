"""Key files as the `zones keys` and `zones trust` commands write them: never over an existing file,
a private key readable by its owner only from the moment it exists."""

from __future__ import annotations

import os
from pathlib import Path

from console.ops.trust_input import fail


def absent(*paths: Path) -> None:
    there = [str(p) for p in paths if p.exists()]
    if there:
        fail(f"文件已存在：{there}", f"already exists, not overwritten: {there}")


def write_private(path: Path, text: str) -> None:
    """A private key file created with mode 600 from the start (never readable by others)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
