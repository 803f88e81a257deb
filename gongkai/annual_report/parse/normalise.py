"""Text normalisation before labels are matched (annual-report-format.md §9.1).

Published copies differ from the official labels in ways that carry no meaning: full-width
digits and punctuation, spaces and line breaks inside words (PDF extraction), traditional
characters (mirrors), inline pinyin readings after characters (`數(shù)`), single dropped or
doubled characters. `key()` maps a text to the form labels are compared in; `similarity()`
scores two keys; `best_match()` picks a label by meaning rather than by exact string.

Pure Python. Conversion of traditional characters (opencc) runs only when the text contains
traditional characters, because it costs ~2 ms per KB.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’《》「」"
# Whitespace between two CJK characters (or CJK punctuation) carries no meaning.
_SPACE_BETWEEN_CJK = re.compile(
    rf"(?<=[{_CJK}{_CJK_PUNCT}()（）:：,，、.．])\s+(?=[{_CJK}{_CJK_PUNCT}()（）])"
)
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}()（）“”])")
# Inline readings inserted by some mirrors: 數(shù) 據(jù). A reading is a pinyin syllable
# with a tone mark directly after a CJK character, in ASCII or full-width parentheses.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_READING = re.compile(rf"(?<=[{_CJK}])[(（]([a-zü{_TONED}]{{1,7}})[)）]")
_HAS_TONE = re.compile(f"[{_TONED}]")
_MINUS = str.maketrans({"−": "-", "－": "-", "–": "-", "—": "-", "\u00a0": " ", "\u3000": " "})
_ALL_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def nfkc(text: str) -> str:
    """NFKC plus the minus signs and spaces NFKC leaves alone."""
    return unicodedata.normalize("NFKC", text).translate(_MINUS)


def clear_caches() -> None:
    """Forget cached normalisations (benchmarks measure documents as if seen for the first time)."""
    nfkc.cache_clear()
    squeeze.cache_clear()
    key.cache_clear()
    similarity.cache_clear()


def strip_readings(text: str) -> tuple[str, int]:
    """Remove inline pinyin readings (`數(shù)` → `數`); return the text and how many were removed."""
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        if _HAS_TONE.search(m.group(1)):
            count += 1
            return ""
        return m.group(0)

    return _READING.sub(repl, text), count


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters that t2s conversion changes (built once from the converter itself)."""
    conv = _converter()
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    block = "".join(chars)
    converted = conv.convert(block)  # type: ignore[attr-defined]
    if len(converted) != len(block):  # a phrase rule changed the length: fall back per char
        return frozenset(c for c in chars if conv.convert(c) != c)  # type: ignore[attr-defined]
    return frozenset(a for a, b in zip(block, converted, strict=True) if a != b)


def count_traditional(text: str) -> int:
    trad = _traditional_chars()
    return sum(1 for ch in set(text) if ch in trad)


def to_simplified(text: str) -> str:
    return str(_converter().convert(text))  # type: ignore[attr-defined]


def clean_document_text(text: str) -> tuple[str, dict[str, int]]:
    """Whole-document clean-up done once: readings removed, traditional → simplified.

    Returns the cleaned text and what was changed ({"readings": n, "traditional": n}) so the
    audit can report a mirror (SRC-MIRROR). Line structure is preserved.
    """
    stats = {"readings": 0, "traditional": 0}
    text, stats["readings"] = strip_readings(text)
    trad = count_traditional(text)
    if trad >= 3:
        stats["traditional"] = trad
        text = to_simplified(text)
    return text, stats


@lru_cache(maxsize=4096)
def squeeze(text: str) -> str:
    """NFKC, then remove whitespace between CJK characters; collapse other runs of space."""
    text = nfkc(text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return _ALL_SPACE.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The comparison form of a label: NFKC, no whitespace at all, unified brackets/quotes."""
    t = nfkc(text)
    t = _ALL_SPACE.sub("", t)
    return t.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """0..1 similarity of two keys (difflib ratio); 1.0 for equal strings."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def best_match(
    text: str, labels: dict[str, str], *, threshold: float = 0.8
) -> tuple[str, float] | None:
    """The id of the label most similar to `text` (labels: id → label), if above threshold."""
    k = key(text)
    best: tuple[str, float] | None = None
    for ident, label in labels.items():
        score = similarity(k, key(label))
        if best is None or score > best[1]:
            best = (ident, score)
    if best is not None and best[1] >= threshold:
        return best
    return None


_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[、.．])"
)


def strip_ordinal(text: str) -> str:
    """`（三）不予公开` → `不予公开`; `2.重复申请` → `重复申请`; `一、…` → `…`."""
    return _ORDINAL.sub("", text, count=1)
