"""How a typed wording is compared with a notice's wording (themes, and anything matched the same way).

The notices are typeset by hand: the same theme appears with and without a space before a quotation
mark (003:104 “多村一社区” 体制改革), with full- or half-width brackets and with straight or curly
quotes. People copy from either. Two wordings are the same theme when they differ only in that.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({q: '"' for q in "“”„‟″＂「」『』〝〞"} | {q: "'" for q in "‘’‚‛′＇"})
_SPACE = re.compile(r"\s+")
_ENDING = re.compile(r"[。；;，,.、\s]+$")


def comparable(text: str) -> str:
    """`text` reduced to what matters when matching against a notice: width, quotes, spaces, ending."""
    out = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _ENDING.sub("", _SPACE.sub("", out))
