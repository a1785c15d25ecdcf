"""Documents are known by their content, not their name; names are sanitised."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from services.intake.domain.documents import inspect, sanitise_name
from shared.errors import Refused


def docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_documents_are_known_by_their_content_not_their_name() -> None:
    assert inspect("方案.pdf", b"%PDF-1.7 ...").kind == "pdf"
    assert inspect("方案.pdf", docx()).name == "方案.docx"
    assert inspect("x.png", b"\x89PNG\r\n\x1a\n....").media_type == "image/png"
    with pytest.raises(Refused) as err:
        inspect("方案.pdf", b"MZ\x90\x00 an executable")
    assert [r.code for r in err.value.reasons] == ["document_type_not_allowed"]
    with pytest.raises(Refused) as err:
        inspect("big.pdf", b"%PDF-" + b"0" * 100, max_bytes=50)
    assert [r.code for r in err.value.reasons] == ["document_too_large"]
    assert inspect("a.pdf", b"%PDF-1").sha256 == hashlib.sha256(b"%PDF-1").hexdigest()


def test_names_are_sanitised() -> None:
    assert sanitise_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert sanitise_name("C:\\材料\\实验方案（定稿）.PDF", "pdf") == "实验方案（定稿）.pdf"
    assert sanitise_name("a<b>|c\x07.docx", "docx") == "a_b__c.docx"
    assert sanitise_name("", "jpeg") == "document.jpg"
