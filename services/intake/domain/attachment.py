"""Attachments: files an applicant uploads to its application (scanned letters, photos, signed PDFs).

The record holds what the file is, never its bytes; the rules say when one more may be added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from services.intake.domain.documents import MAX_BYTES, Document
from shared.errors import Conflict, Reason, Refused


@dataclass(frozen=True)
class AttachmentLimits:
    max_count: int = 20
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class Attachment:
    id: str
    application_id: str
    name: str  # sanitised, with the extension of the kind sniffed from the content
    kind: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str


def check_attachment(
    open_: bool, status: str, doc: Document, existing: Sequence[Attachment], limit: int
) -> None:
    """Raise unless `doc` may join the application: open to its applicant, not too many, not a copy."""
    if not open_:
        raise Conflict([Reason(
            "application_closed",
            f"该申报已办结（当前：{status}），不能再上传附件",
            f"the application is closed (status: {status}); no more attachments",
            "application_id",
        )])  # fmt: skip
    same = next((a for a in existing if a.sha256 == doc.sha256), None)
    if same is not None:
        raise Conflict([Reason(
            "duplicate_attachment",
            f"该文件已上传过（附件“{same.name}”，编号 {same.id}）",
            f"the same file is already attached ({same.name}, id {same.id})",
            "file",
        )])  # fmt: skip
    if len(existing) >= limit:
        raise Refused([Reason(
            "too_many_attachments",
            f"每份申报最多{limit}个附件",
            f"an application may have at most {limit} attachments",
            "file",
        )])  # fmt: skip
