"""All event payloads; importing this package registers every event type."""

from shared.events.schemas.applications import (
    Advice,
    ApplicantRef,
    ApplicationSubmitted,
    ApplicationWithdrawn,
    ReviewStageDecided,
    ReviewTaskOpened,
)
from shared.events.schemas.intake import DemonstrationUnitRegistered
from shared.events.schemas.monitoring import ZoneRequestDecided, ZoneRequestFiled
from shared.events.schemas.notifications import NotificationFailed
from shared.events.schemas.zones import ObligationScheduled, ZoneDesignated

__all__ = [
    "Advice",
    "ApplicantRef",
    "ApplicationSubmitted",
    "ApplicationWithdrawn",
    "DemonstrationUnitRegistered",
    "NotificationFailed",
    "ObligationScheduled",
    "ReviewStageDecided",
    "ReviewTaskOpened",
    "ZoneDesignated",
    "ZoneRequestDecided",
    "ZoneRequestFiled",
]

from shared.events.schemas.monitoring import (  # zone life (issue 5)
    ObligationDueSoon,
    ObligationOverdue,
    ObligationReviewed,
    ObligationSubmitted,
    ZoneRecommended,
    ZoneStateChanged,
    ZoneWarned,
)

__all__ += [
    "ObligationDueSoon",
    "ObligationOverdue",
    "ObligationReviewed",
    "ObligationSubmitted",
    "ZoneRecommended",
    "ZoneStateChanged",
    "ZoneWarned",
]
from shared.events.schemas.review import ReviewTaskOverdue, ReviewTaskOverdueSoon  # noqa: E402

__all__ += ["ReviewTaskOverdue", "ReviewTaskOverdueSoon"]
