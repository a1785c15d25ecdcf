"""Every listed theme, matched against the notice's own lines, copied verbatim (spaces, quotes and all).

The notices are typeset by hand: 003:104 writes “多村一社区” 体制改革 with a space, 003:110 农村“四社联动”
机制建设 with one before 机制. A county that copies the notice's line must be matched (issue 17, point 10).
"""

from __future__ import annotations

import re

import pytest

from services.intake.domain.facts import Facts
from services.intake.domain.model import listed_wording
from services.intake.domain.rules import check_submission
from services.intake.tests.unit.drafts import IN_EVERY_WINDOW, draft, programme

# 003:65–98 城市社区治理实验参考选题, verbatim.
SHANDONG_URBAN = [
    "（一）健全完善社区党组织领导基层群众性自治组织开展工作的各项制度。",
    "（二）依法厘清街道办事处（乡镇政府）和基层群众性自治组织权责边界，建立街道办事处（乡镇政府）和基层群众性自治组织履职履约双向评价机制。",
    "（三）依据社区工作事项清单建立社区工作事项准入制度和综合性考评制度；",
    "（四）棚户区和城中村和危房改造地区的社区治理体系建设；",
    "（五）国有企业办社区管理职能分离移交地区的社区治理体系建设；",
    "（六）深化“四社联动”工作机制；",
    "（七）促进社区居民自治与网格化服务管理有效衔接；",
    "（八）建立健全居务监督委员会；",
    "（九）探索将居民参与社区治理、维护公共利益情况纳入社会信用体系；",
    "（十）拓展流动人口有序参与居住地社区治理渠道；",
    "（十一）促进城市社区治理中法治、德治、自治有机融合；",
    "（十二）建立各民族相互嵌入式社会结构和社区环境；",
    "- (十三) 探索居民参与社区规划编制与实施;",
    "- (十四) 完善政府购买社区服务政策措施;",
    "- (十五) 推进智慧社区建设;",
    "- (十六) 建立健全社区党组织领导、社区居民委员会指导监督的社区物业服务管理机制;",
    "- (十七) 探索建立基层政府面向城市社区的治理资源统筹机制;",
    "- (十八) 建立健全社区工作者队伍培养、评价、使用、激励机制;",
    "- (十九) 推广“一窗受理、全科服务”模式;",
    "- (二十) 建立以社区居民满意度为主要衡量标准的社区治理评价体系和评价结果公开机制;",
    "- (二十一) 建立机关企事业单位履行社区治理责任评价体系;",
    "- (二十二) 建立城市社区治理标准体系。",
]

# 003:102–111 农村社区治理实验参考选题, verbatim.
SHANDONG_RURAL = [
    "- (一) “多村一社区” 体制改革;",
    "- (二) 有序推进村庄规模调整;",
    "- (三) 以农村社区为基本单元的群众自治机制建设;",
    "- (四) 农村社区治理机制创新;",
    "- (五) 农村社区公共安全机制创新;",
    "- (六) 农村社区文化遗产与弘扬机制建设;",
    "- (七) 农村社区公共空间建设和运行机制创新;",
    "- (八) 农村社区网络化、智能化治理平台建设;",
    "- (九) 农村“四社联动” 机制建设;",
    "- (十) “城边村” “镇边村” 农村社区建设。",
]

# 004:35–43 三、实验内容 (each paragraph's heading), verbatim.
JILIN = [
    "(一)提高社区治理水平",
    "(二)增强社区自治功能",
    "(三)提升社区服务能力",
    "(四)推进社区减负增效",
    "(五)创新社区党建工作",
]

NUMBERING = re.compile(r"^[-\s]*[（(][一二三四五六七八九十]+[)）]\s*")


def theme_of(line: str) -> str:
    """The notice's line without its list marker: what a county copies into the form."""
    return NUMBERING.sub("", line)


CASES = [("shandong-zones", line) for line in SHANDONG_URBAN + SHANDONG_RURAL] + [
    ("jilin-zones", line) for line in JILIN
]


def test_the_lines_cover_every_listed_theme() -> None:
    assert len(SHANDONG_URBAN) == 22 and len(SHANDONG_RURAL) == 10 and len(JILIN) == 5
    for key, count in (("shandong-zones", 32), ("jilin-zones", 5)):
        lines = [theme_of(line) for k, line in CASES if k == key]
        matched = {listed_wording(programme(key), line) for line in lines}
        assert len(matched) == count == len(programme(key).themes)
        assert matched == {t.zh for t in programme(key).themes}


@pytest.mark.parametrize(("key", "line"), CASES)
def test_the_notice_line_as_printed_is_accepted(key: str, line: str) -> None:
    theme = theme_of(line)
    reasons = check_submission(draft(key, theme=theme), programme(key), IN_EVERY_WINDOW, Facts())
    assert [r.code for r in reasons] == []
    assert programme(key).theme(theme) is not None


@pytest.mark.parametrize(
    "typed",
    [
        "“多村一社区” 体制改革",
        '"多村一社区"体制改革',
        "“多村一社区”体制改革。",
        " “城边村”　“镇边村” 农村社区建设；",
    ],
)
def test_spaces_quotes_and_ending_punctuation_do_not_matter(typed: str) -> None:
    listed = programme("shandong-zones").theme(typed)
    assert listed is not None and listed.category == "rural"


def test_a_different_wording_is_still_refused() -> None:
    reasons = check_submission(
        draft("shandong-zones", theme="多村一社区改革"), programme("shandong-zones"), IN_EVERY_WINDOW, Facts()
    )
    assert [r.code for r in reasons] == ["theme_not_listed"]
