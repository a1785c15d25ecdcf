import io
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.intake.domain.documents import inspect, sanitise_name
from shared.errors import Refused
from shared.security.tokens import InvalidToken, issue, verify

NOW = datetime(2027, 6, 1, tzinfo=UTC)
SECRET = b"deployment-secret"


def test_a_token_names_its_holder_and_territory() -> None:
    token = issue(SECRET, "李明", "reviewer", "370100", timedelta(days=30), NOW)
    who = verify(SECRET, token, NOW)
    assert (who.subject, who.role, who.jurisdiction) == ("李明", "reviewer", "370100")
    assert who.covers("370103") and not who.covers("370202")
    applicant = verify(SECRET, issue(SECRET, "市中区", "applicant", "370103", timedelta(days=1), NOW), NOW)
    assert applicant.covers("370103") and not applicant.covers("370104")


@pytest.mark.parametrize(
    ("mangle", "why"),
    [
        (lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), "signature"),
        (lambda t: "zt0" + t[3:], "malformed"),
        (lambda t: t.split(".")[0], "malformed"),
    ],
)
def test_a_forged_token_is_refused(mangle: Any, why: str) -> None:
    token = issue(SECRET, "李明", "reviewer", "370100", timedelta(days=1), NOW)
    with pytest.raises(InvalidToken, match=why):
        verify(SECRET, mangle(token), NOW)


def test_an_expired_token_or_another_deployments_token_is_refused() -> None:
    token = issue(SECRET, "李明", "reviewer", "370100", timedelta(hours=1), NOW)
    with pytest.raises(InvalidToken, match="expired"):
        verify(SECRET, token, NOW + timedelta(hours=2))
    with pytest.raises(InvalidToken, match="signature"):
        verify(b"other", token, NOW)


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
    assert inspect("a.pdf", b"%PDF-1").sha256 == __import__("hashlib").sha256(b"%PDF-1").hexdigest()


def test_names_are_sanitised() -> None:
    assert sanitise_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert sanitise_name("C:\\材料\\实验方案（定稿）.PDF", "pdf") == "实验方案（定稿）.pdf"
    assert sanitise_name("a<b>|c\x07.docx", "docx") == "a_b__c.docx"
    assert sanitise_name("", "jpeg") == "document.jpg"
