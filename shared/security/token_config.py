"""The token verifier a service's settings describe, built once and again when the issuers file changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shared.security.issuers import IssuersFileError, KeyUnavailable, load_issuers
from shared.security.revocations import Revocations, RevocationsFileError
from shared.security.token_verifier import TokenVerifier

if TYPE_CHECKING:
    from shared.settings import Settings

_built: dict[tuple[str, str, float, float, str], tuple[tuple[int, int], TokenVerifier]] = {}
_revocations: dict[str, Revocations] = {}


def verifier_for(settings: Settings) -> TokenVerifier:
    """This instance's verifier; IssuersFileError when the issuers file is missing or wrong."""
    path = Path(settings.token_issuers)
    try:
        stat = path.stat()
    except OSError as exc:
        raise IssuersFileError(f"{path}: {exc}") from exc
    stamp = (stat.st_mtime_ns, stat.st_size)
    key = (settings.token_issuers, settings.audience, settings.token_max_lifetime_s, settings.token_leeway_s,
           settings.token_revocations)  # fmt: skip
    found = _built.get(key)
    if found is None or found[0] != stamp:
        revocations = _revocations.setdefault(
            settings.token_revocations,
            Revocations(Path(settings.token_revocations) if settings.token_revocations else None),
        )
        verifier = TokenVerifier(
            load_issuers(path), settings.audience, settings.token_max_lifetime_s, settings.token_leeway_s,
            revocations,
        )  # fmt: skip
        _built[key] = found = stamp, verifier
    return found[1]


def token_config_problem(settings: Settings) -> str | None:
    """What keeps the issuers file, a JWKS file it names, or the revocation list from being used."""
    try:
        verifier = verifier_for(settings)
        for issuer in verifier.issuers.values():
            if issuer.jwks_file is not None and not issuer.keys():
                return f"{issuer.jwks_file}: no EdDSA or ES256 key for {issuer.issuer}"
        verifier.revocations.current()
    except (IssuersFileError, KeyUnavailable, RevocationsFileError) as exc:
        return str(exc)
    return None
