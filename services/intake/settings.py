"""Intake's own settings, beyond the shared ones."""

from __future__ import annotations

from pydantic import Field

from services.intake.domain.documents import MAX_BYTES
from shared.settings import Settings


class IntakeSettings(Settings):
    intake_attachments_max: int = Field(
        20, ge=1, description="Most files (attachments) one application may carry."
    )
    intake_attachment_max_bytes: int = Field(
        MAX_BYTES, gt=0, description="Largest file (attachment) an applicant may upload, in bytes."
    )
