"""Who is signed in: the bearer token the services take and what it says.

The workbench keeps nothing else about a person; the services judge every call by the token.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Session:
    token: str
    subject: str
    role: str
    jurisdiction: str
    expires_at: float  # the token's exp (seconds since the epoch): the session ends with it
    csrf: str  # echoed by every form the workbench renders; a POST without it is refused

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Session:
        return cls(
            token=str(data["token"]),
            subject=str(data["subject"]),
            role=str(data["role"]),
            jurisdiction=str(data["jurisdiction"]),
            expires_at=float(data["expires_at"]),
            csrf=str(data["csrf"]),
        )

    def unit_inbox(self) -> str:
        """The unit subscriber notify addresses this person's office by (audience.py): an applicant's
        own unit, or the officials of their jurisdiction."""
        kind = "applicant" if self.role == "applicant" else "jurisdiction"
        return f"{kind}:{self.jurisdiction}"
