"""The workbench's own settings (env vars, prefix `ZONES_`): which instances of its deployment it calls,
how it signs people in, how it keeps their session."""

from __future__ import annotations

from pydantic import Field, SecretStr

from shared.settings import Settings


class WorkbenchSettings(Settings):
    """The web workbench (pages for people): the instances it calls, sign-in (OIDC, or the local stack's
    actors on a development machine) and the session cookie. It has no database and consumes no events,
    so the database, broker, signing and trust settings above do not apply to it; the token settings do
    (it verifies the token a person signs in with, as the services will)."""

    workbench_services: str = Field(
        "",
        description="The deployment's instances the workbench calls, comma-separated `instance=URL` "
        "(`intake-370000=http://intake:8000,review-370100=http://review-jinan:8000,...`). The instance "
        "name says the service and the jurisdiction; it is also the `aud` a development sign-in token names.",
    )
    session_secret: SecretStr = Field(
        SecretStr(""),
        description="Secret signing the session cookie (itsdangerous, HMAC-SHA256); comma-separated to "
        "rotate: the first signs, every one verifies. Required: the workbench refuses to start without it.",
    )
    session_max_age_s: int = Field(
        28_800, gt=0, description="A session's longest life; never beyond its bearer token's expiry."
    )
    session_cookie_secure: bool = Field(
        True, description="Send the session cookie over HTTPS only (false only on a development machine)."
    )
    oidc_discovery_url: str = Field(
        "",
        description="The deployment's identity provider: its `.well-known/openid-configuration` URL. Sign-in "
        "uses the authorization-code flow with PKCE; the access token it hands back is the bearer token "
        "the workbench calls the services with (so its issuer must be in ZONES_TOKEN_ISSUERS).",
    )
    oidc_client_id: str = Field("", description="The workbench's client id at the identity provider.")
    oidc_client_secret: SecretStr = Field(
        SecretStr(""),
        description="The workbench's client secret at the identity provider (confidential client).",
    )
    oidc_scopes: str = Field("openid profile", description="Scopes asked for at sign-in.")
    dev_signin_issuer: str = Field(
        "",
        description="Development only: a local issuer's folder (`zones run` makes <workdir>/issuer). When "
        "set, /signin lists the local stack's actors and mints their tokens; never set in production.",
    )

    def auth_problem(self) -> str | None:
        """Why the workbench may not serve (Chinese / English): the services' token checks, plus a
        session secret and a way to sign in."""
        if not self.session_secret.get_secret_value().strip():
            return (
                "未设置 ZONES_SESSION_SECRET，无法签名会话 / ZONES_SESSION_SECRET is not set (it signs the "
                "session cookie)"
            )
        if not (self.oidc_discovery_url or self.dev_signin_issuer):
            return (
                "未配置登录方式：请设置 ZONES_OIDC_DISCOVERY_URL / no sign-in configured: set "
                "ZONES_OIDC_DISCOVERY_URL (and ZONES_OIDC_CLIENT_ID, ZONES_OIDC_CLIENT_SECRET)"
            )
        return super().auth_problem()

    def trust_problem(self) -> str | None:
        return None  # the workbench consumes no events: there are no signatures for it to verify
