"""How much of one narrative text is copied from another (CROSS-YEAR-SIMILARITY, and the
audit's comparison with a peer's report of the same year).

Method: after normalising (NFKC, no whitespace), every run of `shingle` characters of the
text that also occurs in the earlier text marks those characters as copied; maximal runs of
copied characters at least `min_passage` long are the copied passages, and the ratio is the
share of the text's characters inside them. Linear in the text length (a set of shingles),
unlike difflib, and it names exactly what was copied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SHINGLE = 10  # characters: long enough that common phrases (政府信息公开工作) alone don't count
MIN_PASSAGE = 20  # characters: shorter shared runs are formulae, not copying


@dataclass(frozen=True)
class Similarity:
    ratio: float  # share of `text`'s characters found in copied passages, 0…1
    passages: tuple[str, ...]  # the copied passages, longest first
    length: int  # normalised length of `text`


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def compare(
    text: str, earlier: str, *, shingle: int = SHINGLE, min_passage: int = MIN_PASSAGE
) -> Similarity:
    """How much of `text` is copied from `earlier`."""
    a, b = normalise(text), normalise(earlier)
    if len(a) < shingle or len(b) < shingle:
        return Similarity(0.0, (), len(a))
    seen = {b[i : i + shingle] for i in range(len(b) - shingle + 1)}
    copied = [False] * len(a)
    for i in range(len(a) - shingle + 1):
        if a[i : i + shingle] in seen:
            copied[i : i + shingle] = [True] * shingle
    passages: list[str] = []
    start = None
    for i, flag in enumerate([*copied, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= min_passage:
                passages.append(a[start:i])
            start = None
    passages.sort(key=len, reverse=True)
    return Similarity(sum(map(len, passages)) / len(a), tuple(passages), len(a))
