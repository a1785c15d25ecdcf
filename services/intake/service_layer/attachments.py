"""Attachments: checked, stored beside their application, audited, listed and handed back."""

from __future__ import annotations

from dataclasses import asdict

import structlog
from sqlalchemy.exc import IntegrityError

from services.intake.domain.attachment import Attachment, AttachmentLimits
from services.intake.domain.commands import AttachDocument
from services.intake.domain.documents import inspect
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.errors import Conflict, NotFound, Reason

log = structlog.get_logger()
ADDED = "intake.attachment.added"


async def handle_attach_document(
    cmd: AttachDocument, uow: IntakeUnitOfWork, limits: AttachmentLimits
) -> Attachment:
    """422 for a file that is not an allowed document, 409 once closed or for the same file twice."""
    doc = inspect(cmd.name, cmd.content, limits.max_bytes)  # before any database work
    async with uow:
        # the row lock serialises uploads to one application: the count and the copy check hold
        app = await uow.applications.get(cmd.application_id, for_update=True)
        if app is None:
            raise NotFound("申报", "application", cmd.application_id)
        existing = await uow.attachments.list_for(app.id)
        attachment = app.attach(doc, existing, limits.max_count, uow.clock.now(), cmd.uploaded_by)
        await uow.applications.save(app)
        detail = {k: v for k, v in asdict(attachment).items() if k not in ("uploaded_at", "uploaded_by")}
        uow.record(app.id, cmd.uploaded_by, ADDED, detail)
        try:
            await uow.attachments.add(attachment, cmd.content)
            await uow.commit()
        except IntegrityError as exc:  # a concurrent upload of the same file won the race
            raise Conflict([Reason("duplicate_attachment", "该文件已上传过",
                                   "the same file is already attached", "file")]) from exc  # fmt: skip
    log.info("attachment_added", application_id=app.id, attachment_id=attachment.id, size=attachment.size)
    return attachment


async def list_attachments(application_id: str, uow: IntakeUnitOfWork) -> list[Attachment]:
    async with uow:
        return await uow.attachments.list_for(application_id)


async def get_attachment(
    application_id: str, attachment_id: str, uow: IntakeUnitOfWork
) -> tuple[Attachment, bytes]:
    async with uow:
        found = await uow.attachments.get_with_content(application_id, attachment_id)
    if found is None:
        raise NotFound("附件", "attachment", attachment_id)
    return found
