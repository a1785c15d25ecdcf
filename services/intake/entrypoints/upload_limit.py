"""A cap on an upload's request body, checked before a byte of it is read.

The ASGI server delivers no more body than the declared Content-Length, so an upload must declare
one (411 otherwise) and it may exceed the file size limit only by the multipart envelope.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from services.intake.domain.attachment import AttachmentLimits
from shared.errors import DomainError, Reason, refuse

ENVELOPE = 64 * 1024  # multipart boundary and part headers around the file


class LengthRequired(DomainError):
    status = 411


def limits_of(request: Request) -> AttachmentLimits:
    """The deployment's limits (bootstrap sets them; router-only test apps get the defaults)."""
    return getattr(request.app.state, "attachment_limits", None) or AttachmentLimits()


def check_length(declared: str | None, max_bytes: int) -> None:
    if declared is None or not declared.isdigit():
        raise LengthRequired([Reason(
            "length_required", "上传须声明请求长度（Content-Length）",
            "an upload must declare its length (Content-Length)", "file",
        )])  # fmt: skip
    if int(declared) > max_bytes + ENVELOPE:
        raise refuse(
            "document_too_large",
            f"文件超过大小限制（{max_bytes}字节）",
            f"the document exceeds the size limit ({max_bytes} bytes)",
            "file",
        )


class UploadRoute(APIRoute):
    """An APIRoute whose POSTs are refused by their declared length before the body is parsed."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def capped(request: Request) -> Response:
            if request.method == "POST":
                check_length(request.headers.get("content-length"), limits_of(request).max_bytes)
            return await handler(request)

        return capped
