"""Uploaded documents: type sniffed from the content, size limit, sanitised name, SHA-256; a DOCX may
not be a zip bomb nor carry macros or external relationships (docx_safety), a PDF may not carry HTML,
script or launch actions (pdf_safety).

Anything else is refused with a reason in Chinese and English.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from services.intake.domain.docx_safety import docx_problems
from services.intake.domain.pdf_safety import misplaced_header, pdf_problems
from shared.errors import Reason, Refused

MAX_BYTES = 20 * 1024 * 1024
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
}


@dataclass(frozen=True)
class Document:
    name: str
    kind: str
    media_type: str
    size: int
    sha256: str


def sniff(content: bytes) -> str | None:
    """The document kind its bytes show (not its name), or None."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
            return None  # a damaged zip also raises these (unknown version, undecodable names)
    return None


def sanitise_name(name: str, kind: str) -> str:
    """A safe file name: no path, no control or reserved characters, the right extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    base = re.sub(r'[<>:"|?*\x00]', "_", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{(stem or 'document')[:100]}.{'jpg' if kind == 'jpeg' else kind}"


def inspect(
    name: str, content: bytes, max_bytes: int = MAX_BYTES, allowed: tuple[str, ...] = tuple(MEDIA)
) -> Document:
    """Check an upload; Refused (422) listing what is wrong, else what it is."""
    reasons: list[Reason] = []
    if not content:
        reasons.append(Reason("document_empty", "文件为空", "the document is empty", "file"))
    if len(content) > max_bytes:
        mb = max_bytes // (1024 * 1024)
        reasons.append(
            Reason("document_too_large", f"文件超过{mb}MB", f"the document exceeds {mb} MB", "file")
        )
    kind = sniff(content) if content else None
    if kind is None and (disguised := misplaced_header(content)):
        reasons.append(disguised)
    elif content and (kind is None or kind not in allowed):
        kinds = "、".join(allowed)
        reasons.append(Reason("document_type_not_allowed", f"文件类型不允许（仅限：{kinds}）",
                              f"document type not allowed (only {', '.join(allowed)})", "file"))  # fmt: skip
    if not reasons and kind == "docx":
        reasons += docx_problems(content)
    if not reasons and kind == "pdf":
        reasons += pdf_problems(content)
    if reasons:
        raise Refused(reasons)
    assert kind is not None
    return Document(
        sanitise_name(name, kind), kind, MEDIA[kind], len(content), hashlib.sha256(content).hexdigest()
    )
