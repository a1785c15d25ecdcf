"""The workbench in a real browser (Debian's headless chromium, driven by Playwright) over the e2e
stack: a county applies through the generated form and is refused in Chinese for a too-short plan,
fixes it and submits; Jinan's reviewer claims and passes it; Shandong's reviewer seats an expert, who
sees the task exactly as review shows an expert and cannot open intake's original; the county reads
the decision in its inbox. And a ministry expert opens a top-10 dossier's anonymous review at the ministry's
review (tests/support/review_tools.py's `reviews`) and sees neither the applicant's name nor its code.
Each page is photographed into .zones/screenshots/workbench/."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from console.local.demo import PLAN
from console.local.stack import ROOT, LocalStack
from shared import jurisdictions as j
from tests.support.review_tools import Reviews, decide, dossier, open_task, post, reviews

pytestmark = pytest.mark.e2e
__all__ = ["reviews"]
playwright_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed (dev extra)")
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)", allow_module_level=True
    )
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip
SHOTS = ROOT / ".zones" / "screenshots" / "workbench"
COUNTY = "370102"  # 济南市历下区: the shared e2e stack has no other shandong-zones application of it
EXPERT = "山东省专家 王振华"  # the development sign-in's expert (services/workbench/domain/actors.py)
MINISTRY_EXPERT = "民政部评审专家 陈静"  # and its ministry expert
ANONYMOUS_CODE = "370112"  # 济南市历城区: no other top-10 dossier of it on the shared stack
OFFICE, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nworkbench screenshots: {SHOTS}")
    async with playwright_api.async_playwright() as p:
        found = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield found
        await found.close()


async def signed_in(
    browser: Any, base: str, who: str, viewport: dict[str, int] = OFFICE, county: str = ""
) -> Any:
    page = await (await browser.new_context(viewport=viewport, locale="zh-CN")).new_page()
    await page.goto(f"{base}/signin")
    if county:
        await page.select_option("#county", county)
    await page.click(f'button[data-actor="{who}"]')
    await page.wait_for_load_state()
    return page


async def shot(page: Any, name: str) -> None:
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def until(
    page: Any, url: str, found: Callable[[], Awaitable[bool]], what: str, wait_s: float = 45
) -> None:
    """Reload `url` until `found()` (the services work asynchronously, over the broker)."""
    for _ in range(int(wait_s / 0.5)):
        await page.goto(url)
        if await found():
            return
        await page.wait_for_timeout(500)
    raise AssertionError(f"timed out waiting for {what} at {url}")


async def test_a_county_applies_jinan_passes_an_expert_reads_and_the_county_is_told(
    stack: LocalStack, browser: Any
) -> None:
    assert stack.workbench is not None
    base, title = stack.workbench.url, f"历下区智慧社区建设实验 {uuid.uuid4().hex[:6]}"

    county = await signed_in(browser, base, "county", county=COUNTY)
    await shot(county, "01-county-applications")
    await county.goto(f"{base}/apply")
    await shot(county, "02-programmes")
    await county.click('a[data-programme="shandong-zones"]')
    await county.fill("#f-title", title)
    await county.select_option("#f-theme", "推进智慧社区建设")
    await county.fill("#f-period_months", "24")
    await county.fill("#f-contact_email", f"sqzl-{COUNTY}@example.gov.cn")
    await county.fill("#f-guidance_expert", "王振华（山东省基层政权建设和社区治理专家委员会）")
    for key in ("background", "theme_goals", "measures", "safeguards"):
        await county.fill(f"#f-plan-{key}", "太短")
    await county.locator("#f-plan-safeguards").blur()  # the live check (htmx) runs on change
    refusal = county.locator('#reasons li[data-code="plan_too_short"]')
    await refusal.wait_for(timeout=10_000)
    assert re.fullmatch(r"实验方案不少于4000字（现为\d+字）", (await refusal.inner_text()).strip())  # 003:31
    await shot(county, "03-form-refused-in-chinese")
    for key in ("background", "theme_goals", "measures", "safeguards"):
        await county.fill(f"#f-plan-{key}", PLAN * 25)
    await county.locator("#f-plan-safeguards").blur()
    await county.locator("#reasons .notice-ok").wait_for(timeout=10_000)
    await county.click("#submit-button")
    await county.wait_for_url(re.compile(r".*/applications/[^/?]+\?submitted=1$"))
    assert await county.locator("#status").get_attribute("data-status") == "under_review"
    application_url = county.url.split("?")[0]
    await shot(county, "04-submitted-with-timeline")

    jinan = await signed_in(browser, base, "jinan")
    row = jinan.locator("#queue tr", has_text=title)
    await until(jinan, f"{base}/queue?jurisdiction=370100", lambda: _one(row), "Jinan's task")
    await shot(jinan, "05-jinan-queue")
    await row.get_by_role("button", name="认领").click()
    await jinan.wait_for_url(re.compile(r".*/tasks/370100/.+\?done=claim$"))
    assert await jinan.locator("#assignee").inner_text() == "济南市民政局 李明"
    outcomes = await jinan.locator('#decision-form input[name="outcome"]').evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert outcomes == ["pass", "needs_improvement"]  # exactly the stage's outcomes (003:31 市级审核)
    await shot(jinan, "06-jinan-task-claimed")
    await jinan.check('input[name="outcome"][value="pass"]')
    await jinan.fill("#opinion", "方案符合要求，同意报送省民政厅。")
    await jinan.click("#decide")
    await jinan.wait_for_url(re.compile(r".*\?done=decision$"))
    assert "审核通过" in await jinan.locator("#task-state").inner_text()
    await shot(jinan, "07-jinan-decided")

    shandong = await signed_in(browser, base, "shandong")
    srow = shandong.locator("#queue tr", has_text=title)
    await until(
        shandong, f"{base}/queue?jurisdiction=370000", lambda: _one(srow), "Shandong's preliminary review"
    )
    await srow.get_by_role("link", name="办理").click()
    await shandong.fill("#experts", EXPERT)
    await shandong.get_by_role("button", name="添加").click()
    await shandong.locator("#panel", has_text=EXPERT).wait_for()
    task_url = shandong.url.split("?")[0]
    await shot(shandong, "08-shandong-panel")
    await shandong.goto(f"{base}/zones")
    await shot(shandong, "08a-shandong-zones")
    await shandong.goto(f"{base}/dashboard")
    await shandong.locator("#chart-designations svg").first.wait_for(timeout=10_000)  # ECharts drew it
    await shot(shandong, "08b-shandong-dashboard")

    expert = await signed_in(browser, base, "expert")
    assert "/queue" in expert.url
    await shot(expert, "09-expert-queue")
    await expert.goto(task_url)
    task_id = task_url.rsplit("/", 1)[1]
    as_review_shows = await _review_task(stack, task_id)
    shown = (await expert.locator("#applicant").inner_text()).strip()
    assert shown.startswith(as_review_shows["applicant_name"])  # what review shows an expert, nothing more
    assert (await expert.locator("#anonymous").count() == 1) is as_review_shows["anonymous"]
    if as_review_shows["anonymous"]:
        assert "历下" not in await expert.content() and COUNTY not in await expert.content()
    assert (
        await expert.locator("#decision-form").count() == 0
        and await expert.locator("#expert-opinion").count() == 1
    )
    await shot(expert, "10-expert-task")
    await expert.goto(application_url)  # intake never serves an expert the original (403 there)
    assert await expert.locator("#reference").count() == 0
    await shot(expert, "11-expert-refused-the-original")

    phone = await signed_in(browser, base, "county", PHONE, county=COUNTY)
    decided = phone.locator(".messages li", has_text=f"【审核结果】市级民政部门审核：审核通过（{title}）")
    await until(phone, f"{base}/inbox", lambda: _one(decided), "the decision in the county's inbox")
    assert int(await phone.locator(".badge").inner_text()) >= 2  # receipt and decision, unread
    await shot(phone, "12-county-inbox-on-a-phone")
    await county.goto(application_url)
    assert "市级民政部门审核：审核通过" in await county.locator("#timeline").inner_text()
    await shot(county, "13-county-timeline")
    await county.get_by_role("link", name="English").click()
    assert "Prefecture review of the plan: Passed" in await county.locator("#timeline").inner_text()
    await shot(county, "14-county-timeline-in-english")
    assert len(list(SHOTS.glob("*.png"))) >= 16


async def test_a_ministry_expert_sees_no_applicant_in_the_anonymous_review(
    stack: LocalStack, reviews: Reviews, browser: Any
) -> None:
    """Top-10: province → ministry material review → anonymous expert review, where experts see no
    identity (the programme's anonymous_review stage); the workbench shows what review shows them."""
    assert stack.workbench is not None
    base, code = stack.workbench.url, ANONYMOUS_CODE
    app_id = await dossier(stack.bootstrap, code)
    province = next(i for i in stack.topology if i.name == "review-370000")
    ministry, head = reviews.ministry, reviews.head
    async with httpx.AsyncClient(timeout=10) as c:
        shandong = reviews.token("e2e 管理员 370000", "admin", "370000")
        task = await open_task(c, province, app_id, "provincial_recommendation", shandong)
        await decide(c, province, task, "recommend", shandong)
        await decide(c, ministry, await open_task(c, ministry, app_id, "material_review", head), "pass", head)
        task = await open_task(c, ministry, app_id, "anonymous_review", head)
        await post(c, f"{ministry.url}/tasks/{task['id']}/experts", {"experts": [MINISTRY_EXPERT]}, head)

    expert = await signed_in(browser, base, "ministry-expert")
    await expert.goto(f"{base}/queue?jurisdiction=000000")
    assert await expert.locator(f'#queue a[href="/tasks/000000/{task["id"]}"]').count() == 1
    queue_html = await expert.content()
    await shot(expert, "15-ministry-expert-queue")
    await expert.goto(f"{base}/tasks/000000/{task['id']}")
    html = await expert.content()
    assert (await expert.locator("#applicant").inner_text()).strip().startswith("匿名申报单位")
    assert await expert.locator("#anonymous").count() == 1
    for shown in (queue_html, html):
        assert j.name(code) not in shown and j.name(code)[3:] not in shown and code not in shown
        assert app_id not in shown  # an expert works by task id alone
    assert await expert.locator("#expert-opinion").count() == 1
    await shot(expert, "16-ministry-expert-anonymous-task")


async def _one(locator: Any) -> bool:
    return bool(await locator.count() == 1)


async def _review_task(stack: LocalStack, task_id: str) -> dict[str, Any]:
    """The task as review answers Shandong's expert (the same token the workbench's sign-in mints)."""
    token = stack.token(EXPERT, "expert", "370000")
    review = next(i for i in stack.topology if i.name == "review-370000")
    async with httpx.AsyncClient(timeout=10) as c:
        res = await c.get(f"{review.url}/tasks/{task_id}", headers={"Authorization": f"Bearer {token}"})
    res.raise_for_status()
    task: dict[str, Any] = res.json()["task"]
    return task
