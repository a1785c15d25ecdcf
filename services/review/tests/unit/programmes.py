"""Programme definitions for unit tests: the shipped Shandong one and a made-up three-level one."""

from __future__ import annotations

from shared.programmes.loader import default_catalogue
from shared.programmes.model import Programme

_shandong = default_catalogue().get("shandong-zones", 1)
assert _shandong is not None
SHANDONG: Programme = _shandong

_outcomes = [
    {"key": "ok", "name_zh": "同意", "name_en": "Agreed", "effect": "advance"},
    {"key": "no", "name_zh": "不同意", "name_en": "Refused", "effect": "reject"},
]
THREE_LEVELS = Programme.model_validate(
    {
        "key": "test-zones",
        "version": 3,
        "name_zh": "测试实验区",
        "name_en": "Test zones",
        "owner": "000000",
        "document_prefix": "民函",
        "applicant_levels": ["county"],
        "window": {"kind": "rolling"},
        "route": [
            {
                "key": "city",
                "name_zh": "市级审核",
                "name_en": "City",
                "level": "prefecture",
                "due_days": 10,
                "outcomes": _outcomes,
            },
            {
                "key": "province",
                "name_zh": "省级审核",
                "name_en": "Province",
                "level": "province",
                "due_days": 20,
                "outcomes": [
                    *_outcomes,
                    {"key": "redo", "name_zh": "退回修改", "name_en": "Revise", "effect": "revise"},
                ],
            },
            {
                "key": "ministry",
                "name_zh": "部级批复",
                "name_en": "Ministry",
                "level": "national",
                "due_days": 90,
                "outcomes": [
                    {"key": "approve", "name_zh": "批复", "name_en": "Approved", "effect": "designate"}
                ],
            },
        ],
    }
)
