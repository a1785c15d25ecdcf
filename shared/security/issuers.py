"""The token issuers an instance trusts (ZONES_TOKEN_ISSUERS, a TOML file) and where their keys are.

    [[issuers]]
    issuer = "https://iam.sd.example.gov.cn/realms/zones"   # the tokens' `iss`
    jurisdiction = "370000"          # the territory it may vouch for: a token's `jur` must lie inside
    jwks_file = "jwks.json"          # or jwks_url = "https://…/certs", or discovery_url = "https://…/
                                     #   .well-known/openid-configuration" (its jwks_uri is used)
    role_claim = "role"              # optional: where an outside OIDC provider puts the role …
    jurisdiction_claim = "jur"       # … and the jurisdiction code

A relative `jwks_file` lies next to the issuers file. A JWKS file is re-read when it changes; keys from a
URL are cached (PyJWKClient) and fetched again for a key id not seen yet (a rotation).
"""

from __future__ import annotations

import json
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt

from shared import jurisdictions
from shared.security.issuer_keys import ALGORITHMS

SOURCES = ("jwks_file", "jwks_url", "discovery_url")
FETCH_TIMEOUT_S = 5.0


class IssuersFileError(ValueError):
    pass


class KeyUnavailable(ValueError):
    """No usable key for a token: unknown key id, or the issuer's keys could not be fetched."""


@dataclass
class Issuer:
    issuer: str
    jurisdiction: str
    jwks_file: Path | None = None
    jwks_url: str = ""
    discovery_url: str = ""
    role_claim: str = "role"
    jurisdiction_claim: str = "jur"
    _file_cache: tuple[tuple[int, int], list[jwt.PyJWK]] | None = field(default=None, repr=False)
    _client: jwt.PyJWKClient | None = field(default=None, repr=False)

    def keys(self) -> list[jwt.PyJWK]:
        """The issuer's signing keys that use an accepted algorithm (EdDSA, ES256)."""
        if self.jwks_file is not None:
            return self._file_keys(self.jwks_file)
        try:
            return [k for k in self._jwks_client().get_signing_keys() if k.algorithm_name in ALGORITHMS]
        except (jwt.PyJWKClientError, jwt.PyJWKError) as exc:
            raise KeyUnavailable(f"keys of {self.issuer} unavailable: {exc}") from exc

    def key_for(self, kid: str | None) -> jwt.PyJWK:
        keys = self.keys()
        found = [k for k in keys if k.key_id == kid] if kid else (keys if len(keys) == 1 else [])
        if not found and kid and self._client is not None:  # a new key id: the issuer may have rotated
            try:
                self._client.get_jwk_set(refresh=True)
            except (jwt.PyJWKClientError, jwt.PyJWKError) as exc:
                raise KeyUnavailable(f"keys of {self.issuer} unavailable: {exc}") from exc
            found = [k for k in self.keys() if k.key_id == kid]
        if not found:
            raise KeyUnavailable(f"no key {kid!r} of {self.issuer}")
        return found[0]

    def _file_keys(self, path: Path) -> list[jwt.PyJWK]:
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if self._file_cache is None or self._file_cache[0] != stamp:
                data = json.loads(path.read_text(encoding="utf-8"))
                self._file_cache = stamp, [k for k in map(_usable, data.get("keys", [])) if k is not None]
        except (OSError, ValueError, AttributeError) as exc:
            raise KeyUnavailable(f"JWKS file {path} of {self.issuer} unusable: {exc}") from exc
        return self._file_cache[1]

    def _jwks_client(self) -> jwt.PyJWKClient:
        if self._client is None:
            uri = self.jwks_url or _jwks_uri(self.discovery_url, self.issuer)
            self._client = jwt.PyJWKClient(uri, cache_keys=True, lifespan=300, timeout=FETCH_TIMEOUT_S)
        return self._client


def _usable(jwk: dict[str, Any]) -> jwt.PyJWK | None:
    """The key, when it is one tokens may be signed with (EdDSA, ES256); None for any other."""
    try:
        key = jwt.PyJWK(jwk)
    except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError):
        return None
    return key if key.algorithm_name in ALGORITHMS else None


def _jwks_uri(discovery_url: str, issuer: str) -> str:
    """The `jwks_uri` of an OIDC provider's discovery document, which must name the same issuer."""
    try:
        with urllib.request.urlopen(discovery_url, timeout=FETCH_TIMEOUT_S) as resp:
            doc: dict[str, Any] = json.loads(resp.read())
    except (OSError, ValueError) as exc:
        raise KeyUnavailable(f"discovery document {discovery_url} unavailable: {exc}") from exc
    if doc.get("issuer") != issuer or not doc.get("jwks_uri"):
        raise KeyUnavailable(f"discovery document {discovery_url} names another issuer or no jwks_uri")
    return str(doc["jwks_uri"])


def load_issuers(path: Path) -> dict[str, Issuer]:
    """The issuers file's entries by `iss`; IssuersFileError saying what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IssuersFileError(f"{path}: {exc}") from exc
    found: dict[str, Issuer] = {}
    for n, entry in enumerate(data.get("issuers", []), start=1):
        where = f"{path} issuer #{n}"
        iss, code = str(entry.get("issuer", "")), str(entry.get("jurisdiction", ""))
        sources = [s for s in SOURCES if entry.get(s)]
        if not iss or iss in found:
            raise IssuersFileError(f"{where}: `issuer` missing or listed twice")
        if len(sources) != 1:
            raise IssuersFileError(f"{where}: give exactly one of {', '.join(SOURCES)}")
        try:
            jurisdictions.validate(code)
        except jurisdictions.InvalidJurisdiction as exc:
            raise IssuersFileError(f"{where}: `jurisdiction` {code!r} is no 6-digit code") from exc
        jwks_file = path.parent / str(entry["jwks_file"]) if "jwks_file" in sources else None
        found[iss] = Issuer(
            iss, code, jwks_file, str(entry.get("jwks_url", "")), str(entry.get("discovery_url", "")),
            str(entry.get("role_claim", "role")), str(entry.get("jurisdiction_claim", "jur")),
        )  # fmt: skip
    if not found:
        raise IssuersFileError(f"{path}: lists no [[issuers]]")
    return found
