"""Search tokens for Chinese text, made in Python so SQLite FTS5 and PostgreSQL index exactly the
same tokens and answer the same queries.

- Text is NFKC-normalised (full-width digits and letters become ASCII) and lower-cased.
- A run of CJK characters becomes its overlapping bigrams (教育局 → 教育 育局), so every
  two-character word (教育, 低保) is a token; a run of one CJK character is kept as it is.
- A run of ASCII letters and digits is one token (2021, 00015, ipv6).
- Everything else (punctuation, 〔〕, spaces) separates tokens and is dropped.

A query is split into terms at whitespace; each term (or each "quoted phrase") becomes a group of
tokens that must appear next to each other in this order, and every group must match (AND).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_RUN = re.compile(f"([{_CJK}]+)|([0-9a-z]+)")
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')

# A query is cut to this many characters and groups before it is looked at, so any input
# answers quickly.
MAX_QUERY_CHARS = 100
MAX_GROUPS = 12
MAX_GROUP_TOKENS = 24
# Index caps: PostgreSQL positions stop at 16,383; both backends index the same prefix so they
# answer the same.
MAX_TITLE_TOKENS = 300
MAX_BODY_TOKENS = 16_000


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """Index tokens of `text` in order."""
    out: list[str] = []
    for match in _RUN.finditer(normalise(text)):
        cjk, word = match.groups()
        if cjk:
            if len(cjk) == 1:
                out.append(cjk)
            else:
                out.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))
        else:
            out.append(word)
    return out


@dataclass(frozen=True)
class Group:
    """Tokens that must appear adjacent and in order. `prefix`: a lone CJK character, matched
    as the start of a bigram (教 finds 教育)."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    groups: tuple[Group, ...]
    terms: tuple[str, ...]  # the normalised terms as typed, for highlighting

    @property
    def empty(self) -> bool:
        return not self.groups


def parse_query(raw: str) -> Query:
    """Turn what a person typed into token groups. Never raises; junk gives an empty query."""
    text = normalise(raw or "")[:MAX_QUERY_CHARS]
    groups: list[Group] = []
    terms: list[str] = []
    for match in _PHRASE.finditer(text):
        term = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        toks = tokens(term)[:MAX_GROUP_TOKENS]
        if not toks:
            continue
        single_cjk = len(toks) == 1 and len(toks[0]) == 1 and not toks[0].isascii()
        group = Group(tuple(toks), prefix=single_cjk)
        if group not in groups:
            groups.append(group)
            terms.append(term)
        if len(groups) >= MAX_GROUPS:
            break
    return Query(tuple(groups), tuple(terms))
