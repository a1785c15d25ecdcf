"""The workbench's words in Chinese (the default) and English, and how a page picks one.

Reasons the services give (`message_zh`, `message_en`) and names from programme definitions
(`name_zh`, `name_en`) already come in both; `pick` chooses. Everything the workbench itself says is
in MESSAGES: a key missing in one language is a test failure, never a blank on a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    "app_name": ("社区治理实验区工作台", "Community-governance zones workbench"),
    "skip": ("跳到正文", "Skip to content"),
    "switch_lang": ("English", "中文"),
    "signin": ("登录", "Sign in"),
    "signout": ("退出", "Sign out"),
    "signin_oidc": ("通过统一身份认证登录", "Sign in with the identity provider"),
    "signin_dev": ("开发环境登录（本地演示账号）", "Development sign-in (local demo actors)"),
    "signin_dev_note": (
        "仅用于本机开发：令牌由本地签发方签发。",
        "For a development machine only: tokens come from the local issuer.",
    ),
    "signin_none": (
        "本部署未配置登录方式（ZONES_OIDC_DISCOVERY_URL）。",
        "No sign-in is configured for this deployment (ZONES_OIDC_DISCOVERY_URL).",
    ),
    "signin_as": ("以此身份登录", "Sign in as"),
    "county": ("申报县（市、区）", "Applying county (district)"),
    "signed_in_as": ("当前用户", "Signed in as"),
    "role_applicant": ("申报单位", "Applicant"),
    "role_reviewer": ("审核人员", "Reviewer"),
    "role_expert": ("评审专家", "Expert"),
    "role_monitor": ("监测人员", "Monitor"),
    "role_admin": ("管理员", "Administrator"),
    "role_subscriber": ("订阅方", "Subscriber"),
    "nav_home": ("首页", "Home"),
    "nav_apply": ("申报", "Apply"),
    "nav_my_applications": ("我的申报", "My applications"),
    "nav_queue": ("审核任务", "Review queue"),
    "nav_zones": ("实验区", "Zones"),
    "nav_dashboard": ("数据看板", "Dashboard"),
    "nav_inbox": ("站内消息", "Messages"),
    "unread": ("未读", "unread"),
    "programmes": ("可申报的项目", "Programmes open to you"),
    "choose_programme": ("选择项目", "Choose a programme"),
    "programme": ("项目", "Programme"),
    "new_application": ("填写申报", "New application"),
    "applicant_name": ("申报单位", "Applying unit"),
    "title": ("实验名称", "Title"),
    "theme": ("实验主题", "Theme"),
    "theme_choose": ("请选择主题", "Choose a theme"),
    "period_months": ("实验周期（月）", "Period (months)"),
    "at_most": ("不超过", "at most"),
    "guidance_max": ("一般不超过", "as a rule at most"),
    "contact_email": ("单位公共邮箱", "The unit's public mailbox"),
    "guidance_expert": ("指导专家", "Guidance expert"),
    "plan": ("实验方案", "Experiment plan"),
    "plan_min": ("实验方案合计不少于 {n} 字", "The plan needs at least {n} characters in all"),
    "characters": ("字", "characters"),
    "documents": ("申报材料", "Documents"),
    "form": ("申报表", "Form"),
    "attestations": ("承诺事项", "Attestations"),
    "justification": ("特殊层级申报理由", "Why apply at an exceptional level"),
    "check": ("检查", "Check"),
    "check_live": ("输入时自动检查", "Checked as you type"),
    "submit": ("提交申报", "Submit"),
    "check_ok": ("检查通过，可以提交。", "All rules pass: ready to submit."),
    "check_reasons": ("以下问题需要修改：", "Please fix the following:"),
    "submitted": ("已提交申报", "Application submitted"),
    "application": ("申报", "Application"),
    "reference_no": ("申报编号", "Reference"),
    "status": ("状态", "Status"),
    "stage": ("当前环节", "Stage"),
    "timeline": ("办理进程", "Timeline"),
    "when": ("时间", "When"),
    "what": ("事项", "What"),
    "by": ("办理单位/人", "By"),
    "detail": ("说明", "Detail"),
    "revise": ("修改后重新提交", "Revise and resubmit"),
    "revise_asked": (
        "审核意见要求完善，请修改后重新提交。",
        "A reviewer asked for changes: revise and resubmit.",
    ),
    "revised": ("已重新提交", "Resubmitted"),
    "withdraw": ("撤回申报", "Withdraw the application"),
    "withdraw_reason": ("撤回理由（可不填）", "Why (optional)"),
    "withdraw_confirm": ("确认撤回", "Withdraw"),
    "check_warnings": ("以下提示供评审参考，不影响提交：", "For the evaluators' attention (not a refusal):"),
    "attachments": ("附件", "Attachments"),
    "attachment_file": ("选择文件（PDF、DOCX、PNG、JPEG）", "File (PDF, DOCX, PNG, JPEG)"),
    "upload": ("上传", "Upload"),
    "uploaded": ("附件已上传", "Attachment uploaded"),
    "none": ("暂无", "None yet"),
    "queue": ("审核任务", "Review queue"),
    "reviewing_office": ("审核单位", "Reviewing office"),
    "task_kind": ("任务类型", "Kind of task"),
    "kind_stage": ("申报审核", "Application stage"),
    "kind_request": ("实验区变更申请", "Request about a zone"),
    "queue_of": ("{name}的审核任务", "Review tasks of {name}"),
    "filter": ("筛选", "Filter"),
    "state": ("办理状态", "State"),
    "state_open": ("待办", "Open"),
    "state_decided": ("已办", "Decided"),
    "all": ("全部", "All"),
    "due_on": ("办理期限", "Due"),
    "overdue": ("已超期", "Overdue"),
    "assignee": ("承办人", "Assignee"),
    "claim": ("认领", "Claim"),
    "claimed": ("已认领", "Claimed"),
    "assign": ("指派", "Assign"),
    "assign_to": ("指派给", "Assign to"),
    "release": ("退回任务池", "Release"),
    "open_task": ("办理", "Open"),
    "task": ("审核任务", "Review task"),
    "applicant": ("申报单位", "Applicant"),
    "anonymous_stage": ("匿名评审：申报单位信息已隐去。", "Anonymous review: who applied is hidden."),
    "dossier": ("申报材料", "Dossier"),
    "history": ("各级办理记录", "History across levels"),
    "experts": ("评审专家", "Experts"),
    "add_experts": ("添加评审专家（每行一位）", "Add experts (one per line)"),
    "add": ("添加", "Add"),
    "opinion": ("意见", "Opinion"),
    "opinions": ("专家意见与评分", "Expert opinions and scores"),
    "scores": ("评分", "Scores"),
    "record_opinion": ("提交专家意见", "Record opinion"),
    "decision": ("审核决定", "Decision"),
    "outcome": ("结论", "Outcome"),
    "decide": ("作出决定", "Decide"),
    "decided": ("已作出决定", "Decided"),
    "support_measures": ("市级支持措施", "Prefecture support measures"),
    "policy": ("政策支持", "Policy"),
    "funding": ("经费支持", "Funding"),
    "projects": ("项目支持", "Projects"),
    "notice": ("公示", "Public notice"),
    "open_notice": ("发布公示", "Open the public notice"),
    "notice_days": ("公示天数", "Days of notice"),
    "objections": ("异议", "Objections"),
    "raise_objection": ("提出异议", "Raise an objection"),
    "resolve": ("处理异议", "Resolve"),
    "rankings": ("评审排名", "Rankings"),
    "rank": ("名次", "Rank"),
    "score": ("得分", "Score"),
    "zones": ("实验区", "Zones"),
    "zones_in": ("辖区内的实验区", "Zones in your territory"),
    "zone": ("实验区", "Zone"),
    "period": ("实验周期", "Period"),
    "document_no": ("认定文号", "Document no."),
    "obligations": ("应报事项", "Obligations"),
    "calendar": ("日历", "Calendar"),
    "filings": ("待审报送材料", "Filings to review"),
    "accept": ("通过", "Accept"),
    "return": ("退回", "Return"),
    "requests": ("变更申请", "Requests"),
    "dashboard": ("数据看板", "Dashboard"),
    "indicator": ("指标", "Indicator"),
    "prefecture": ("地市", "Prefecture"),
    "year": ("年份", "Year"),
    "count": ("数量", "Count"),
    "zone_state": ("实验区状态", "Zone state"),
    "submitted_at": ("报送时间", "Submitted"),
    "text": ("内容", "Text"),
    "decide_requests": (
        "变更申请由认定单位在审核任务中决定",
        "Requests are decided as review tasks of the designating authority",
    ),
    "filing_reviewed": ("已审核报送材料", "Filing reviewed"),
    "chart_indicators": ("指标完成情况与目标", "Indicators against targets"),
    "chart_overdue": ("各地市逾期事项", "Overdue items per prefecture"),
    "chart_designations": ("历年认定数量", "Designations per year"),
    "chart_table": ("图表数据", "Chart data"),
    "target": ("目标值", "Target"),
    "reported": ("报送值", "Reported"),
    "inbox": ("站内消息", "Messages"),
    "mark_read": ("标为已读", "Mark read"),
    "read": ("已读", "Read"),
    "no_messages": ("暂无消息", "No messages"),
    "error": ("出错了", "Something went wrong"),
    "unavailable": ("服务暂时不可用：{what}", "A service is unavailable: {what}"),
    "session_expired": ("登录已过期，请重新登录。", "Your session has expired: sign in again."),
    "bad_form": ("表单已过期，请刷新页面后重试。", "This form is stale: reload the page and try again."),
    "back": ("返回", "Back"),
    "status_under_review": ("审核中", "Under review"),
    "status_revision_requested": ("待完善（请修改后重新提交）", "Revision requested"),
    "status_rejected": ("未通过", "Not accepted"),
    "status_designated": ("已认定", "Designated"),
    "status_withdrawn": ("已撤回", "Withdrawn"),
    "what_withdrawn": ("撤回申报", "Withdrawn"),
    "what_submitted": ("提交申报", "Submitted"),
    "what_revised": ("重新提交", "Resubmitted"),
    "what_attachment_added": ("上传附件", "Attachment added"),
    "what_designated": ("发文认定", "Designated"),
    "what_barred": ("不得再以原主题申报", "Barred from the same theme"),
}


def t(key: str, lang: Lang, **values: Any) -> str:
    """The workbench's own text for `key` in `lang`, with `{name}` placeholders filled."""
    zh, en = MESSAGES[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def pick(item: Mapping[str, Any], lang: Lang, field: str = "name") -> str:
    """`item[field_zh]` or `item[field_en]` (the other when one is empty): programme names, reasons."""
    zh, en = str(item.get(f"{field}_zh") or ""), str(item.get(f"{field}_en") or "")
    return (en or zh) if lang == "en" else (zh or en)


def beijing(at: object) -> str:
    """A service's ISO time as Beijing time, to the second (the services answer in UTC)."""
    try:
        moment = datetime.fromisoformat(str(at).replace("Z", "+00:00"))
    except ValueError:
        return str(at or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo("Asia/Shanghai"))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def lang_of(value: str | None) -> Lang:
    """A page's language from a cookie or query value: English only when asked for."""
    return "en" if value == "en" else "zh"
