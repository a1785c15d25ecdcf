"""What of a person may leave the service that keeps it (issue 7, "Personal data").

Logs: `redact` masks e-mail addresses, mobile and landline numbers and ID-card numbers in any text.
Events, which other jurisdictions read: a person is named by `person_ref` (role, jurisdiction and the
id of the record under which the owning service keeps the name), never by name; an address a
notification failed at is sent masked (`mask_address`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# 13812345678, 138 1234 5678, 138-1234-5678, +86 138…, 0086138…
_MOBILE = re.compile(r"(?<![\d+])((?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)")
# 0531-86152869, 0531 8615 2869, (0531)86152869, 010-65123456
_LANDLINE = re.compile(r"(?<!\d)(\(?0\d{2,3}\)?)[\s-]?\d{3,4}[\s-]?(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")  # 18 digits, or 17 and X
# Identifiers are not contact data: a UUID (with or without dashes) or a longer hex token such as a
# digest. Their digit runs look like phones or ID cards (about 0.5 % of random UUIDs did), so they
# are set aside whole before the digit patterns run. A pure digit run is never set aside.
_IDENTIFIER = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    r"|(?=[0-9]*[A-Fa-f])[0-9A-Fa-f]{16,})(?![0-9A-Za-z])"
)
_URL = re.compile(r"\bhttps?://[^\s'\"<>]+")
_REF = re.compile(r"^[a-z_]+:\d{6}:[0-9A-Za-z]{1,8}$")


def redact(text: str) -> str:
    """Mask e-mail addresses, mobile and landline numbers and ID-card numbers in `text`; identifiers
    (UUIDs, long hex tokens) are left whole."""
    text = _EMAIL.sub(r"\1***@\2", text)
    pieces, kept_until = [], 0
    for found in _IDENTIFIER.finditer(text):
        pieces += [_mask_numbers(text[kept_until : found.start()]), found[0]]
        kept_until = found.end()
    return "".join([*pieces, _mask_numbers(text[kept_until:])])


def _mask_numbers(text: str) -> str:
    text = _ID_CARD.sub(r"\1********\2", text)
    text = _MOBILE.sub(lambda m: f"{m[1] or ''}{m[2]}****{m[3]}", text)
    return _LANDLINE.sub(lambda m: f"{m[1]}****{m[2]}", text)


def mask_email(address: str) -> str:
    """`wang.li@example.org` → `w***@example.org`: which mailbox stays in the service that keeps it."""
    local, at, domain = address.strip().rpartition("@")
    return f"{local[:1]}***@{domain}" if at and local else "***"


def mask_url(url: str) -> str:
    """`https://oa.example.gov.cn/hooks/x?token=…` → `https://oa.example.gov.cn/…`: no path, query, user."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "***"
    return f"{parts.scheme}://{host}{port}/…" if parts.scheme and host else "***"


def mask_address(address: str | None) -> str | None:
    """An email address or webhook URL as an event may carry it; None stays None."""
    if address is None:
        return None
    if "://" in address:
        return mask_url(address)
    return mask_email(address)


def mask_text(text: str | None) -> str | None:
    """Free text (an error message) with URLs cut to their host and contact data redacted."""
    return None if text is None else redact(_URL.sub(lambda m: mask_url(m[0]), text))


def person_ref(role: str, jurisdiction: str, record_id: str) -> str:
    """A person as events name them: `reviewer:370100:5d8e3c1a` — the role, the jurisdiction whose
    service keeps the name, and the start of the id of the record it keeps it with. Not a name."""
    return f"{role}:{jurisdiction}:{record_id.replace('-', '')[:8]}"


def is_person_ref(value: str | None) -> bool:
    """True when `value` is a `person_ref`, not a name."""
    return value is not None and bool(_REF.match(value))


def as_person_ref(value: str | None, role: str, jurisdiction: str, record_id: str) -> str | None:
    """`value` when it is a reference (or None), else the reference: a name received from a producer
    not yet upgraded is not kept."""
    return value if value is None or is_person_ref(value) else person_ref(role, jurisdiction, record_id)
