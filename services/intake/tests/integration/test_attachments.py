"""Attachments over HTTP against real PostgreSQL: sniffed, limited, sanitised, hashed, stored, handed back."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from services.intake.domain.attachment import AttachmentLimits
from services.intake.entrypoints.api import router
from services.intake.entrypoints.attachment_api import router as attachment_router
from services.intake.service_layer import following, handlers
from services.intake.service_layer.attachments import ADDED
from services.intake.tests.integration.conftest import UowFactory, arriving, count, decided, reach
from services.intake.tests.unit.drafts import draft
from shared.http.errors import install_error_handlers
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from shared.territory import Territory
from tests.support.issuer import ISSUERS, mint

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()
AUD = Settings(service="intake").audience  # the instance a token must name
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def zipped(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<w:document/>" if name.endswith(".xml") else "x")
    return buf.getvalue()


def linked_docx() -> bytes:
    """A DOCX whose settings fetch a remote template on opening."""
    rel = ('<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
           '2006/relationships/attachedTemplate" Target="http://203.0.113.9/t.dotm" TargetMode="External"/>'
           "</Relationships>")  # fmt: skip
    buf = io.BytesIO(zipped("[Content_Types].xml", "word/document.xml"))
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("word/_rels/settings.xml.rels", rel)
    return buf.getvalue()


def bearer(role: str, code: str) -> dict[str, str]:
    token = mint(AUD, f"{role}@{code}", role, code)
    return {"authorization": f"Bearer {token}"}


def build(uow_factory: UowFactory, limits: AttachmentLimits | None = None, auth: bool = False) -> FastAPI:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    app.state.territory, app.state.instance = Territory.of("000000"), "intake-000000"
    app.state.catalogue = CATALOGUE
    app.state.attachment_limits = limits
    app.state.runtime = SimpleNamespace(settings=Settings(auth_required=auth, token_issuers=ISSUERS))
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(attachment_router)
    return app


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = build(uow_factory, AttachmentLimits(max_count=5, max_bytes=4096))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as c:
        yield c


async def submitted(uow_factory: UowFactory) -> str:
    return (await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)).id


async def upload(
    client: httpx.AsyncClient, app_id: str, name: str, content: bytes, **kw: Any
) -> httpx.Response:
    return await client.post(f"/applications/{app_id}/attachments", files={"file": (name, content)}, **kw)


async def test_pdf_docx_png_and_jpeg_are_kept_with_their_kind_hash_and_a_safe_name(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    app_id = await submitted(uow_factory)
    docx = zipped("[Content_Types].xml", "word/document.xml")
    cases = [
        ("../../etc/申报书.exe", PDF, "申报书.pdf", "pdf"),
        ("方案.pdf", docx, "方案.docx", "docx"),
        ("C:\\照片\\现场.gif", png(), "现场.png", "png"),
        ("photo", JPEG, "photo.jpg", "jpeg"),
    ]
    for name, content, stored, kind in cases:
        resp = await upload(client, app_id, name, content)
        assert resp.status_code == 201, resp.text
        got = resp.json()
        assert (got["name"], got["kind"], got["size"]) == (stored, kind, len(content))
        assert got["sha256"] == hashlib.sha256(content).hexdigest() and got["application_id"] == app_id
    listed = (await client.get(f"/applications/{app_id}/attachments")).json()
    assert [a["name"] for a in listed] == ["申报书.pdf", "方案.docx", "现场.png", "photo.jpg"]
    history = (await client.get(f"/applications/{app_id}")).json()["history"]
    assert [h["what"] for h in history] == ["submitted"] + ["attachment_added"] * 4
    uow = uow_factory()
    async with uow:
        rows = await uow.session.execute(
            text("SELECT action, detail->>'sha256' FROM audit_log WHERE aggregate_id = :a ORDER BY seq"),
            {"a": app_id},
        )
        audited = [(r[0], r[1]) for r in rows if r[0] == ADDED]
    assert audited == [(ADDED, a["sha256"]) for a in listed]


async def test_a_download_is_the_same_bytes_as_a_named_attachment_never_sniffed(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    app_id = await submitted(uow_factory)
    att = (await upload(client, app_id, "../申报书.pdf", PDF)).json()
    resp = await client.get(f"/applications/{app_id}/attachments/{att['id']}")
    assert resp.status_code == 200 and resp.content == PDF
    assert resp.headers["content-type"] == "application/pdf"
    assert resp.headers["x-content-type-options"] == "nosniff"
    disposition = resp.headers["content-disposition"]
    assert disposition.startswith("attachment;") and 'filename="attachment.pdf"' in disposition
    assert "filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf" in disposition
    other = await submitted_elsewhere(uow_factory)
    assert (await client.get(f"/applications/{other}/attachments/{att['id']}")).status_code == 404


async def submitted_elsewhere(uow_factory: UowFactory) -> str:
    cmd = draft("shandong-zones", applicant_code="370102", applicant_name="济南市历下区")
    return (await handlers.handle_submit_application(cmd, uow_factory(), CATALOGUE)).id


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "setup.exe",
            b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode",
            "document_type_not_allowed",
        ),
        ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "document_type_not_allowed"),
        ("note.pdf", "只是一段文字".encode(), "document_type_not_allowed"),
        ("empty.pdf", b"", "document_empty"),
        ("big.pdf", PDF + b"0" * 5000, "document_too_large"),
        ("huge.pdf", PDF + b"0" * 200_000, "document_too_large"),  # refused by its declared length, unread
        ("archive.docx", zipped("readme.txt"), "document_type_not_allowed"),
        ("polyglot.pdf", PDF[:9] + b"<html><script>alert(1)</script></html>\n" + PDF[9:], "pdf_carries_html"),
        ("template.docx", linked_docx(), "docx_external_relationship"),
    ],
)
async def test_anything_else_is_refused_with_its_reason_and_nothing_is_stored(
    client: httpx.AsyncClient, uow_factory: UowFactory, name: str, content: bytes, code: str
) -> None:
    app_id = await submitted(uow_factory)
    resp = await upload(client, app_id, name, content)
    assert resp.status_code == 422, resp.text
    [reason] = resp.json()["reasons"]
    assert (
        (reason["code"], reason["field"]) == (code, "file") and reason["message_zh"] and reason["message_en"]
    )
    assert await count(uow_factory(), "attachments") == 0
    assert [h["what"] for h in (await client.get(f"/applications/{app_id}")).json()["history"]] == [
        "submitted"
    ]


async def test_an_upload_of_unknown_length_and_one_without_a_file_are_refused(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    app_id = await submitted(uow_factory)

    async def chunks() -> AsyncIterator[bytes]:
        yield (
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
            + PDF
            + b"\r\n--b--\r\n"
        )

    chunked = await client.post(
        f"/applications/{app_id}/attachments",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert chunked.status_code == 411 and chunked.json()["reasons"][0]["code"] == "length_required"
    missing = await client.post(f"/applications/{app_id}/attachments", data={"other": "x"})
    assert missing.status_code == 422 and missing.json()["reasons"][0]["field"] == "file"
    assert await count(uow_factory(), "attachments") == 0


async def test_the_same_file_twice_one_too_many_and_a_closed_application_are_refused(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    app_id = await submitted(uow_factory)
    assert (await upload(client, app_id, "a.pdf", PDF)).status_code == 201
    again = await upload(client, app_id, "again.pdf", PDF)
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "duplicate_attachment"
    for n in range(4):
        assert (await upload(client, app_id, f"{n}.pdf", PDF + bytes([n]))).status_code == 201
    sixth = await upload(client, app_id, "6.pdf", PDF + b"6")
    assert sixth.status_code == 422 and sixth.json()["reasons"][0]["code"] == "too_many_attachments"
    assert await count(uow_factory(), "attachments") == 5

    closed = await submitted_elsewhere(uow_factory)
    await reach(uow_factory, closed, "formal_recommendation", code="370102")
    declined = decided(closed, "formal_recommendation", "reject", code="370102", outcome="decline")
    await following.handle_stage_decided(declined, arriving(uow_factory, declined), CATALOGUE)
    refused = await upload(client, closed, "a.pdf", PDF)
    assert refused.status_code == 409 and refused.json()["reasons"][0]["code"] == "application_closed"
    assert "rejected" in refused.json()["reasons"][0]["message_zh"]
    assert await count(uow_factory(), "attachments") == 5


async def test_only_the_applicant_uploads_and_another_territory_sees_nothing(uow_factory: UowFactory) -> None:
    app = build(uow_factory, auth=True)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as c:
        app_id = await submitted(uow_factory)
        own, other = bearer("applicant", "370103"), bearer("applicant", "370102")
        att = (await upload(c, app_id, "a.pdf", PDF, headers=own)).json()
        assert (await upload(c, app_id, "b.pdf", PDF + b"b", headers=other)).status_code == 404
        assert (
            await upload(c, app_id, "b.pdf", PDF + b"b", headers=bearer("reviewer", "370100"))
        ).status_code == 403
        for path in (
            f"/applications/{app_id}/attachments",
            f"/applications/{app_id}/attachments/{att['id']}",
        ):
            assert (await c.get(path, headers=other)).status_code == 404
            assert (await c.get(path, headers=bearer("reviewer", "370200"))).status_code == 404
            assert (await c.get(path, headers=bearer("reviewer", "370100"))).status_code == 200
        assert (await c.get(f"/applications/{app_id}/attachments")).status_code == 401
    assert await count(uow_factory(), "attachments") == 1
