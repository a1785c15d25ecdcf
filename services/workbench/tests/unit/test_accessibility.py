"""Every form control on the workbench's pages has a label a screen reader reads (a <label for> or an
enclosing <label>), every page has one <h1>, a skip link and a language, and tables name their columns."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

from services.workbench.service_layer.ports import Answer
from services.workbench.tests.unit.conftest import Browser
from services.workbench.tests.unit.fakes import FakeBackends
from services.workbench.tests.unit.test_pages import task


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[tuple[str, dict[str, str | None], bool]] = []
        self.inside_label = 0
        self.h1 = 0
        self.th_scoped = self.th = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self.inside_label += 1
            if a.get("for"):
                self.labels.add(str(a["for"]))
        elif tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append((tag, a, self.inside_label > 0))
        elif tag == "h1":
            self.h1 += 1
        elif tag == "th":
            self.th += 1
            self.th_scoped += a.get("scope") == "col"

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.inside_label -= 1

    def unlabelled(self) -> list[str]:
        return [
            f"{tag} {a.get('name')}"
            for tag, a, wrapped in self.controls
            if not wrapped and a.get("id") not in self.labels
        ]


def test_every_control_on_every_page_has_a_label(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    backends.answer("review", "GET", "/tasks", Answer(200, [task()]))
    backends.answer(
        "review", "GET", "/tasks/task-1", Answer(200, {"task": task(), "case": None, "documents": []})
    )
    pages = {
        "county": [
            "/apply",
            "/apply/shandong-zones",
            "/apply/rural-full-coverage",
            "/apply/top10-innovation",
            "/applications",
            "/inbox",
        ],
        "jinan": ["/queue", "/tasks/370100/task-1", "/rankings", "/zones", "/dashboard"],
    }
    controls = 0
    for who, paths in pages.items():
        browser = sign_in(who)
        for path in paths:
            html = browser.client.get(path).text
            found = Controls()
            found.feed(html)
            assert found.unlabelled() == [], path
            assert found.h1 == 1 and 'class="skip" href="#main"' in html and '<html lang="zh-CN">' in html, (
                path
            )
            assert found.th == found.th_scoped, path
            controls += len(found.controls)
    assert controls >= 30  # the generated forms, filters, task and decision forms (36 when written)
