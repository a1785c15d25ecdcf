"""What a PDF may not carry: HTML or script a browser would run (a PDF/HTML polyglot), a header that
does not open the file, and actions that run code or files (`/JS`, `/JavaScript`, `/Launch`,
`/EmbeddedFile`), also when the name is spelt with `#xx` escapes or sits in a compressed object stream."""

from __future__ import annotations

import re
import zlib

from shared.errors import Reason

HEADER = b"%PDF-"
HEAD_WINDOW = 4096  # browsers sniff HTML in the first bytes; readers accept %PDF- within the first 1024
MAX_INFLATED = 50 * 1024 * 1024  # all object streams together
_HTML = re.compile(rb"<\s*(?:html|script|body|iframe|svg|!doctype\s+html)\b", re.IGNORECASE)
_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_ACTIVE = {b"/JS", b"/JavaScript", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles"}
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b[^\0]{0,512}?stream\r?\n", re.DOTALL)


def _reason(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en, "file")


def misplaced_header(content: bytes) -> Reason | None:
    """A file with `%PDF-` near but not at its start is something else dressed as a PDF."""
    if not content.startswith(HEADER) and HEADER in content[:1024]:
        en = "the PDF header is not at the start of the file (another format in disguise)"
        return _reason("pdf_header_misplaced", "PDF 文件头不在文件开头（可能混有其他格式）", en)
    return None


def _names(data: bytes) -> set[bytes]:
    """Every PDF name in `data`, `#xx` escapes decoded (/J#61vaScript is /JavaScript)."""
    return {re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), n) for n in _NAME.findall(data)}


def _object_streams(content: bytes) -> list[bytes]:
    """The inflated object streams (where PDF 1.5+ keeps dictionaries), at most MAX_INFLATED in all."""
    found, budget = [], MAX_INFLATED
    for match in _OBJECT_STREAM.finditer(content):
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(content[match.end() : match.end() + budget], budget)
        except zlib.error:
            continue
        found.append(data)
        budget -= len(data)
        if budget <= 0:
            break
    return found


def pdf_problems(content: bytes) -> list[Reason]:
    """Why this PDF is refused; empty when it may be kept."""
    reasons = []
    if _HTML.search(content[:HEAD_WINDOW]):
        reasons.append(_reason("pdf_carries_html", "PDF 文件中混有 HTML 或脚本",
                               "the PDF carries HTML or script"))  # fmt: skip
    names = _names(content).union(*map(_names, _object_streams(content)))
    if active := sorted(n.decode("latin-1") for n in names & _ACTIVE):
        zh = f"PDF 含有脚本、启动或嵌入文件动作（{'、'.join(active)}）"
        en = f"the PDF carries script, launch or embedded-file actions ({', '.join(active)})"
        reasons.append(_reason("pdf_active_content", zh, en))
    return reasons
