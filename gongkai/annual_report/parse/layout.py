"""From rows of cells to the token stream the table and section readers walk.

Two steps, shared by every importer:

- `split_inline_headings`: text crawled from web pages may hold a whole report on one line;
  split such rows before each section heading (`二、主动公开…`) so that sections and tables
  can be told apart. Table 三's own `一、二、三、四、` labels are not headings and stay.
- `tokenize`: each cell becomes label tokens (text chunks, whitespace removed) and value
  tokens (numbers, or blanks where cell boundaries are known and the cell is empty). Digits
  glued to a following ordinal (`00000002.其他…`) give their last digit back to the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from gongkai.annual_report.parse.base import Cell, Row
from gongkai.annual_report.parse.normalise import nfkc

# A number: thousands separators, decimals, an optional sign and an optional money unit.
# A minus right after digits starts a new (negative) value: 行政处罚120-5300 (2019 本年增/减).
NUM_RE = re.compile(
    r"(?:(?<=\d)-|(?<![\d.])[-+]?)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?P<unit>万元|元|件|个|项))?"
)
_ORDINAL_START = re.compile(r"^[.．、]\s*\S")
_LABEL_SPLIT = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_JUNK = re.compile(r"^[|\-–—_:：;；,，.。·•*#>=+/\\]+$")

# Where a flattened line may be cut before a section heading: after whitespace or a full stop.
_INLINE_HEADING = re.compile(r"(?:(?<=\s)|(?<=[。；;！!]))(?=[一二三四五六][、.．])")
_HEADING_KEYS = {
    "一": ("总体情况", "基本情况", "概述"),
    "二": ("主动公开",),
    "三": ("收到和处理", "依申请"),
    "四": ("复议", "诉讼"),
    "五": ("问题",),
    "六": ("其他需要", "其他事项"),
}


@dataclass(slots=True)
class Tok:
    kind: str  # "label" | "num" | "blank"
    text: str  # label: text without whitespace (NFKC); num: the number; blank: ""
    raw: str  # the cell text it came from
    cell: Cell
    row: int  # index of the row in the document
    unit: str | None = None
    first: bool = False  # first token of its row


def split_inline_headings(rows: list[Row]) -> list[Row]:
    out: list[Row] = []
    for row in rows:
        if len(row.cells) != 1 or len(row.cells[0].text) < 120:
            out.append(row)
            continue
        cell = row.cells[0]
        text = cell.text
        cuts = [0]
        for m in _INLINE_HEADING.finditer(text):
            pos = m.start()
            if pos == 0:
                continue
            keys = _HEADING_KEYS[text[pos]]
            window = text[pos : pos + 24]
            if any(k in window for k in keys):
                cuts.append(pos)
        if len(cuts) == 1:
            out.append(row)
            continue
        cuts.append(len(text))
        for a, b in pairwise(cuts):
            piece = text[a:b].strip()
            if piece:
                out.append(Row([replace(cell, text=piece)], row.separated))
    return out


_PLAIN_NUMBER = re.compile(r"\d{1,12}")
_NO_DIGIT = re.compile(r"[^0-9０-９]*")


# A cell holding only a dash, a slash or 无: published tables use them for "nothing" (a blank).
_NOTHING = {"-", "—", "——", "－", "–", "/", "／", "\\", "无", "空", "×"}


def tokenize_cell(cell: Cell, row_index: int, separated: bool) -> list[Tok]:
    raw = cell.text.strip()
    if raw in _NOTHING:
        return [Tok("blank", "", cell.text, cell, row_index)]
    # fast paths: a cell that is one plain number, or text without any digit
    if _PLAIN_NUMBER.fullmatch(raw):
        return [Tok("num", raw, cell.text, cell, row_index)]
    if raw and _NO_DIGIT.fullmatch(raw):
        out = []
        for chunk in _LABEL_SPLIT.split(nfkc(raw).translate(_QUOTES)):
            if chunk and not _JUNK.match(chunk):
                out.append(Tok("label", chunk, cell.text, cell, row_index))
        return out
    text = nfkc(cell.text)
    toks: list[Tok] = []
    if not text.strip():
        if separated:
            toks.append(Tok("blank", "", cell.text, cell, row_index))
        return toks
    pos = 0
    pieces: list[tuple[str, str, int, int, str | None]] = []  # kind, text, start, end, unit
    for m in NUM_RE.finditer(text):
        if m.start() > pos:
            pieces.append(("label", text[pos : m.start()], pos, m.start(), None))
        number = m.group(0)
        unit = m.group("unit")
        if unit:
            number = number[: -len(unit)].rstrip()
        pieces.append(("num", number, m.start(), m.end(), unit))
        pos = m.end()
    if pos < len(text):
        pieces.append(("label", text[pos:], pos, len(text), None))
    # Give a run's last digit back to an ordinal that follows it directly: 00000002.其他 …
    for idx in range(len(pieces) - 1):
        kind, num, start, end, unit = pieces[idx]
        nkind, ntext, nstart, nend, _ = pieces[idx + 1]
        glued = kind == "num" and nkind == "label" and end == nstart and not unit
        if glued and _ORDINAL_START.match(ntext) and num[-1:].isdigit() and "." not in num:
            pieces[idx] = ("num", num[:-1], start, end - 1, None)
            pieces[idx + 1] = ("label", num[-1] + ntext, end - 1, nend, None)
    for kind, piece, _start, _end, unit in pieces:
        if kind == "num":
            if piece and piece not in "+-":
                toks.append(Tok("num", piece, cell.text, cell, row_index, unit))
            continue
        for chunk in _LABEL_SPLIT.split(piece.translate(_QUOTES)):
            if chunk and not _JUNK.match(chunk):
                toks.append(Tok("label", chunk, cell.text, cell, row_index))
    return toks


def tokenize(rows: list[Row]) -> list[Tok]:
    out: list[Tok] = []
    for index, row in enumerate(rows):
        start = len(out)
        for cell in row.cells:
            if cell.spanned:
                continue
            out.extend(tokenize_cell(cell, index, row.separated))
        if len(out) > start:
            out[start].first = True
    return out
