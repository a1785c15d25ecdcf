"""Attachments over HTTP: upload (multipart, field `file`), list, download."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile

from services.intake.domain.commands import AttachDocument
from services.intake.domain.documents import MEDIA
from services.intake.entrypoints.api import _uow, _visible
from services.intake.entrypoints.schemas import AttachmentOut
from services.intake.entrypoints.upload_limit import UploadRoute, limits_of
from services.intake.service_layer import attachments
from shared.http.auth import caller, require
from shared.security.tokens import Principal

router = APIRouter(tags=["attachments"], route_class=UploadRoute)
BINARY = {"schema": {"type": "string", "format": "binary"}}


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the real one per RFC 5987 (Chinese names)."""
    stem, _, ext = name.rpartition(".")
    ascii_stem = "".join(c for c in stem if c.isascii() and c.isprintable() and c not in '"\\').strip()
    fallback = f"{ascii_stem or 'attachment'}.{ext}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.post("/applications/{application_id}/attachments", status_code=201, response_model=AttachmentOut)
async def upload_attachment(
    application_id: str,
    request: Request,
    file: UploadFile = File(..., description="A PDF, DOCX, PNG or JPEG; its type is read from its content."),
    who: Principal = Depends(require("applicant")),
) -> AttachmentOut:
    """Attach a file while the application is open: 422 with reasons for anything but an allowed
    document within the size limit, 409 once closed or for the same file twice; nothing stored then."""
    await _visible(application_id, request, who)
    limits = limits_of(request)
    content = await file.read(limits.max_bytes + 1)  # one byte over is enough to refuse it
    cmd = AttachDocument(application_id, file.filename or "", content, who.subject)
    return AttachmentOut.of(await attachments.handle_attach_document(cmd, _uow(request), limits))


@router.get("/applications/{application_id}/attachments", response_model=list[AttachmentOut])
async def list_attachments(
    application_id: str, request: Request, who: Principal = Depends(caller)
) -> list[AttachmentOut]:
    """The application's attachments (what they are, not their bytes), oldest first."""
    await _visible(application_id, request, who)
    return [AttachmentOut.of(a) for a in await attachments.list_attachments(application_id, _uow(request))]


@router.get(
    "/applications/{application_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"description": "The file as uploaded.", "content": {m: BINARY for m in MEDIA.values()}}},
)
async def download_attachment(
    application_id: str, attachment_id: str, request: Request, who: Principal = Depends(caller)
) -> Response:
    """The file's bytes with its sniffed media type, as a download under its sanitised name."""
    await _visible(application_id, request, who)
    attachment, content = await attachments.get_attachment(application_id, attachment_id, _uow(request))
    headers = {
        "Content-Disposition": content_disposition(attachment.name),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return Response(content, media_type=attachment.media_type, headers=headers)
