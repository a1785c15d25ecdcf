"""Chinese by default, English on request: every word the workbench says exists in both, and pages
switch with the language cookie; reasons and names come from the services and definitions in both."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.workbench.domain.i18n import MESSAGES, beijing, lang_of, pick, t

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_message_has_chinese_and_english_and_every_key_a_template_uses_exists() -> None:
    assert all(zh.strip() and en.strip() for zh, en in MESSAGES.values())
    used = set()
    for path in sorted(TEMPLATES.glob("*.html")):
        used |= set(re.findall(r"\bt\('([a-z_]+)'[,)]", path.read_text(encoding="utf-8")))
    assert used - set(MESSAGES) == set()
    assert len(used) >= 80  # the templates' own words (status_/role_ keys are built, and checked below)
    for prefix in ("role_", "status_", "what_"):
        assert any(k.startswith(prefix) for k in MESSAGES)


def test_t_fills_placeholders_and_pick_falls_back_to_the_other_language() -> None:
    assert t("plan_min", "zh", n=4000) == "实验方案合计不少于 4000 字"
    assert t("plan_min", "en", n=4000) == "The plan needs at least 4000 characters in all"
    reason = {"message_zh": "实验方案不少于 4000 字", "message_en": ""}
    assert pick(reason, "en", "message") == "实验方案不少于 4000 字"
    assert pick({"name_zh": "审核通过", "name_en": "Passed"}, "en") == "Passed"
    assert (lang_of(None), lang_of("en"), lang_of("fr")) == ("zh", "en", "zh")
    assert (
        beijing("2027-06-01T01:00:37.123Z") == beijing("2027-06-01T09:00:37+08:00") == "2027-06-01 09:00:37"
    )


def test_pages_are_chinese_by_default_and_english_after_the_switch(app: FastAPI) -> None:
    client = TestClient(app)
    zh = client.get("/signin").text
    assert '<html lang="zh-CN">' in zh and "登录" in zh and ">English<" in zh
    res = client.get("/lang?to=en&next=/signin", follow_redirects=False)
    assert (res.status_code, res.headers["location"]) == (303, "/signin")
    en = client.get("/signin").text
    assert '<html lang="en">' in en and "Development sign-in" in en and ">中文<" in en
    assert (
        client.get("/lang?to=en&next=https://elsewhere.example", follow_redirects=False).headers["location"]
        == "/"
    )
