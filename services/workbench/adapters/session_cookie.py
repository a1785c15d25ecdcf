"""The session cookie: signed with itsdangerous (HMAC-SHA256, timestamped), HttpOnly, SameSite=Lax.

Why itsdangerous rather than the project's own signing: the project signs events with Ed25519 so that
other jurisdictions can verify them with a public key; a session cookie is read back only by the
workbench that wrote it, which is what a shared-secret HMAC is for. itsdangerous (Pallets, the
signer under Flask's and Starlette's sessions) adds the timestamp that ends a session and key
rotation (several secrets, the newest signs). The cookie holds the bearer token, so it is signed
against tampering, sent only over HTTPS in production, and never readable by a script (HttpOnly).
"""

from __future__ import annotations

from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "zones_wb"
LOGIN_COOKIE = "zones_wb_login"  # the OIDC round trip's state, nonce and PKCE verifier (10 minutes)
LANG_COOKIE = "zones_lang"


class CookieSigner:
    def __init__(self, secrets: list[str], salt: str = "zones-workbench-session") -> None:
        if not secrets or not all(secrets):
            raise ValueError("ZONES_SESSION_SECRET is required to sign the workbench's session cookie")
        # itsdangerous signs with the last key and verifies with every one: settings name the newest first
        self.serializer = URLSafeTimedSerializer(list(reversed(secrets)), salt=salt)

    def dumps(self, data: dict[str, Any]) -> str:
        return str(self.serializer.dumps(data))

    def loads(self, cookie: str | None, max_age_s: int) -> dict[str, Any] | None:
        """The signed data, or None when absent, tampered with, signed by an unknown key or too old."""
        if not cookie:
            return None
        try:
            data = self.serializer.loads(cookie, max_age=max_age_s)
        except BadSignature:  # SignatureExpired is one
            return None
        return data if isinstance(data, dict) else None
