"""The vendored front-end files are the pinned releases the vendor README names (nothing fetched at run
time), and the workbench serves them itself."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"


def test_each_vendored_file_matches_the_version_and_hash_its_readme_pins() -> None:
    rows = re.findall(
        r"^\| `([\w.]+)` \| `([\w.]+)`.*?\| ([\d.]+) \|.*?\| ([0-9a-f]{64}) \|$",
        (VENDOR / "README.md").read_text(encoding="utf-8"),
        re.M,
    )
    assert [r[0] for r in rows] == ["htmx.min.js", "echarts.min.js"]
    for name, _package, _version, sha in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == sha, name
    assert "htmx@2.0.11" in "htmx@" + rows[0][2] and rows[1][2] == "6.1.0"


def test_pages_load_scripts_from_the_workbench_only(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/signin").text
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources)
    assert client.get("/static/vendor/htmx.min.js").status_code == 200
