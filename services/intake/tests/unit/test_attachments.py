"""Attachments: only while the application is open, within the limits, never the same file twice."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime

import pytest

from services.intake.domain.attachment import AttachmentLimits
from services.intake.domain.commands import AttachDocument
from services.intake.domain.documents import inspect
from services.intake.domain.facts import Facts
from services.intake.domain.model import Application, Status
from services.intake.service_layer.attachments import ADDED, handle_attach_document
from services.intake.tests.unit.drafts import draft, programme
from services.intake.tests.unit.fakes import FakeUnitOfWork
from shared.errors import Conflict, Refused

AT = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def submitted() -> Application:
    app = Application.submit(
        draft("shandong-zones"),
        programme("shandong-zones"),
        AT,
        reference_no="SZ-2027-370103-01",
        facts=Facts(),
    )
    app.events.clear()
    return app


def test_a_file_joins_an_open_application_and_its_history() -> None:
    app = submitted()
    att = app.attach(inspect("../../etc/申报书.exe", PDF), [], 20, AT, "applicant@370103")
    assert (att.name, att.kind, att.media_type, att.size) == (
        "申报书.pdf",
        "pdf",
        "application/pdf",
        len(PDF),
    )
    assert att.sha256 == hashlib.sha256(PDF).hexdigest() and att.application_id == app.id
    assert app.history[-1].what == "attachment_added" and att.sha256 in app.history[-1].detail
    assert app.events == []  # no event carries attachments


@pytest.mark.parametrize("status", [Status.REJECTED, Status.DESIGNATED])
def test_a_closed_application_takes_no_file(status: Status) -> None:
    app = submitted()
    app.status = status
    with pytest.raises(Conflict) as err:
        app.attach(inspect("a.pdf", PDF), [], 20, AT, "x")
    assert [r.code for r in err.value.reasons] == ["application_closed"]
    assert status.value in err.value.reasons[0].message_zh and len(app.history) == 1


def test_waiting_for_a_revision_is_still_open() -> None:
    app = submitted()
    app.status = Status.REVISION_REQUESTED
    assert app.attach(inspect("a.pdf", PDF), [], 20, AT, "x").kind == "pdf"


def test_the_same_file_twice_and_one_too_many_are_refused() -> None:
    app = submitted()
    first = app.attach(inspect("a.pdf", PDF), [], 2, AT, "x")
    with pytest.raises(Conflict) as dup:
        app.attach(inspect("copy.pdf", PDF), [first], 2, AT, "x")
    assert [r.code for r in dup.value.reasons] == ["duplicate_attachment"] and first.id in dup.value.reasons[
        0
    ].message_en
    second = app.attach(inspect("b.pdf", PDF + b"2"), [first], 2, AT, "x")
    with pytest.raises(Refused) as many:
        app.attach(inspect("c.pdf", PDF + b"3"), [first, second], 2, AT, "x")
    assert [r.code for r in many.value.reasons] == ["too_many_attachments"]


async def test_the_handler_stores_and_audits_an_accepted_file() -> None:
    app = submitted()
    uow = FakeUnitOfWork(app)
    att = await handle_attach_document(AttachDocument(app.id, "方案.pdf", PDF, "u"), uow, AttachmentLimits())
    assert uow.files.rows == [(att, PDF)] and uow.commits == 1
    assert uow.apps.rows[app.id].history[-1].what == "attachment_added"
    [(aggregate, actor, action, detail)] = uow.audited_entries
    assert (aggregate, actor, action, detail["sha256"]) == (app.id, "u", ADDED, att.sha256)


def _damaged_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buf.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 6] = 99  # "version needed to extract": zipfile raises NotImplementedError
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "limits", "code"),
    [
        (b"MZ\x90\x00 an executable", AttachmentLimits(), "document_type_not_allowed"),
        (b"", AttachmentLimits(), "document_empty"),
        (PDF, AttachmentLimits(max_bytes=10), "document_too_large"),
        (_damaged_zip(), AttachmentLimits(), "document_type_not_allowed"),
    ],
)
async def test_the_handler_refuses_anything_else_and_changes_nothing(
    content: bytes, limits: AttachmentLimits, code: str
) -> None:
    app = submitted()
    uow = FakeUnitOfWork(app)
    with pytest.raises(Refused) as err:
        await handle_attach_document(AttachDocument(app.id, "x.pdf", content, "u"), uow, limits)
    assert code in [r.code for r in err.value.reasons] and all(r.message_zh for r in err.value.reasons)
    assert uow.files.rows == [] and uow.commits == 0 and len(uow.apps.rows[app.id].history) == 1
