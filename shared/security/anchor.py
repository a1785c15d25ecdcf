"""The anchor: the root public key(s) a deployment pins (`ZONES_TRUST_ANCHOR`); a bundle counts only
when signed by one of them. More than one root lets the root key itself be rotated.

`{"format": "zones-trust-anchor", "version": 1, "roots": [{"key_id": …, "public_key": …}]}`
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.security.members import TrustFormatError
from shared.security.signing import Signer, public_key_from_text
from shared.security.strict_json import read_json

ANCHOR_FORMAT, VERSION = "zones-trust-anchor", 1


def load_anchor(path: Path) -> dict[str, Ed25519PublicKey]:
    """Root key id -> public key, from the pinned anchor file (`zones trust root-init` writes it)."""
    doc = read_json(path, "anchor")
    try:
        if doc.get("format") != ANCHOR_FORMAT or doc.get("version") != VERSION:
            raise TrustFormatError(f"anchor {path}: not a {ANCHOR_FORMAT} version {VERSION} document")
        roots = {str(r["key_id"]): public_key_from_text(str(r["public_key"])) for r in doc["roots"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise TrustFormatError(f"anchor {path}: {exc!r}") from exc
    if not roots:
        raise TrustFormatError(f"anchor {path}: no root key")
    return roots


def anchor_doc(roots: list[Signer]) -> dict[str, Any]:
    return {
        "format": ANCHOR_FORMAT,
        "version": VERSION,
        "roots": [{"key_id": r.key_id, "public_key": r.public_text()} for r in roots],
    }
