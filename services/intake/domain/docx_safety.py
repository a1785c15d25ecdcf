"""What a DOCX may not carry: a zip that inflates past a cap (a zip bomb), relationships that make the
reader fetch from elsewhere, macros or ActiveX controls. Each problem is a reason in Chinese and English.

The sizes are judged from the zip directory first, then by streaming every member through a counter, so
a directory that lies about its sizes is caught without ever holding more than one chunk in memory."""

from __future__ import annotations

import io
import re
import zipfile

from shared.errors import Reason

MAX_INFLATED = 50 * 1024 * 1024  # all members together, inflated
MAX_RATIO = 100  # inflated bytes per stored byte, over the whole archive (text XML stays far below)
MAX_MEMBERS = 2000
_CHUNK = 64 * 1024
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
_EXTERNAL = re.compile(rb"""TargetMode\s*=\s*["']External["']""", re.IGNORECASE)
# A hyperlink is followed only when a reader clicks it; every other external target is fetched on opening
# (a remote template, image, frame or OLE object) and tells a third party who opened the file.
_HYPERLINK = re.compile(rb"""Type\s*=\s*["'][^"']*/relationships/hyperlink["']""", re.IGNORECASE)
_ACTIVE = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/.*)$", re.IGNORECASE)
_MACRO_TYPE = re.compile(rb"macroEnabled|vbaProject|activeX", re.IGNORECASE)


def _reason(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en, "file")


def _too_large(total: int, stored: int) -> Reason | None:
    if total > MAX_INFLATED:
        mb = MAX_INFLATED // (1024 * 1024)
        return _reason("docx_inflates_too_large", f"DOCX 解压后超过{mb}MB",
                       f"the DOCX inflates to more than {mb} MB")  # fmt: skip
    if total > 1024 * 1024 and total > MAX_RATIO * max(stored, 1):
        return _reason("docx_compression_ratio", f"DOCX 压缩比异常（超过{MAX_RATIO}倍）",
                       f"the DOCX is compressed more than {MAX_RATIO} times over")  # fmt: skip
    return None


def _streamed(z: zipfile.ZipFile, stored: int) -> tuple[Reason | None, dict[str, bytes]]:
    """Inflate every member through a counter; keep the small parts the other checks read."""
    total, kept = 0, dict[str, bytes]()
    for info in z.infolist():
        keep = info.filename.lower().endswith(".rels") or info.filename == "[Content_Types].xml"
        parts: list[bytes] = []
        with z.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if problem := _too_large(total, stored):
                    return problem, kept  # it only grows: stop inflating now
                if keep and sum(map(len, parts)) < MAX_INFLATED // 10:
                    parts.append(chunk)
        kept[info.filename] = b"".join(parts)
    return _too_large(total, stored), kept


def docx_problems(content: bytes) -> list[Reason]:
    """Why this DOCX is refused; empty when it may be kept."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                return [_reason("docx_too_many_parts", f"DOCX 部件过多（超过{MAX_MEMBERS}个）",
                                f"the DOCX has more than {MAX_MEMBERS} parts")]  # fmt: skip
            if problem := _too_large(sum(i.file_size for i in infos), len(content)):
                return [problem]  # the directory alone says so: nothing is inflated
            problem, kept = _streamed(z, len(content))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError, RuntimeError):
        return [_reason("docx_damaged", "DOCX 文件已损坏", "the DOCX is damaged")]
    reasons = [problem] if problem else []
    if any(_ACTIVE.search(i.filename) for i in infos) or _MACRO_TYPE.search(
        kept.get("[Content_Types].xml", b"")
    ):
        reasons.append(_reason("docx_active_content", "DOCX 含有宏或 ActiveX 控件",
                               "the DOCX carries macros or ActiveX controls"))  # fmt: skip
    external = [
        rel
        for name, xml in kept.items()
        if name.lower().endswith(".rels")
        for rel in _RELATIONSHIP.findall(xml)
        if _EXTERNAL.search(rel) and not _HYPERLINK.search(rel)
    ]
    if external:
        reasons.append(_reason("docx_external_relationship", "DOCX 引用了外部资源（打开时会从外部获取内容）",
                               "the DOCX refers to an external resource fetched on opening"))  # fmt: skip
    return reasons
