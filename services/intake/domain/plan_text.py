"""Counting a plan's length the way a Chinese reader does (字数).

Each CJK character or punctuation mark counts one; a run of Latin letters or digits (a word or a
number) counts one; white space counts nothing. Bytes never matter.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'’\-][A-Za-z0-9]+)*|\S")


def count_characters(text: str) -> int:
    return len(_TOKEN.findall(text))
