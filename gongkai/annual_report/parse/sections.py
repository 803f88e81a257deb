"""Section headings, the title and the statistics-period statement (format §2, §3).

A heading is recognised by its ordinal (`一`…`六`, or `1`…`6`, followed by `、`, `.` or `．`)
at the start of a row together with its key phrase, accepted by similarity rather than
equality; table 三's own labels (`一、本年新收…`, `四、结转下年度…`) are never headings. The
original text is kept for RPT-HEADINGS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.annual_report.parse.base import Cell, Row
from gongkai.annual_report.parse.normalise import key, nfkc, similarity, squeeze
from gongkai.annual_report.schema import FORMAT_2021, SECTIONS

_HEADING = re.compile(r"^\s*(?P<ord>[一二三四五六]|[1-6])\s*(?P<sep>[、.．,，])\s*(?P<rest>\S.*)$")
_ARABIC = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_CHINESE = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
# Where a heading glued to its table ends.
_TABLE_START = re.compile(r"第二十条|信息内容|\(本列|（本列|行政复议\s*行政诉讼|申请人情况")
_HEADING_END = re.compile(r"(情况|事项|措施|问题)")
_T3_LABEL_KEYS = tuple(key(r.label) for r in FORMAT_2021.t3_rows)
# Variants and key phrases beyond the schema's (format §3.1).
_EXTRA_KEYS = {1: ("概述", "工作情况"), 3: ("依申请",), 6: ("其他",)}


@dataclass
class Heading:
    number: int  # 1..6
    text: str  # the heading as printed (normalised for display, not for matching)
    row: int  # index of the row in the document
    cell: Cell
    arabic: bool
    similarity: float  # to the canonical heading (without ordinal)

    @property
    def canonical(self) -> str:
        return SECTIONS[self.number - 1].heading

    @property
    def exact(self) -> bool:
        return not self.arabic and key(self.text) == key(self.canonical)


def heading_text(text: str) -> str:
    """The heading part of a row that may continue with its table or its first sentence."""
    t = squeeze(text[:300])
    m = _TABLE_START.search(t)
    if m and m.start() > 3:
        t = t[: m.start()]
    for stop in ("。", "；", " "):
        idx = t.find(stop, 4)
        if idx > 0:
            t = t[:idx]
    if len(t) > 40:
        ends = list(_HEADING_END.finditer(t, 0, 40))
        t = t[: ends[-1].end()] if ends else t[:40]
    return t.strip()


def recognise_heading(text: str) -> tuple[int, str, bool, float] | None:
    """(section number, heading text, arabic?, similarity) if `text` starts with a heading."""
    m = _HEADING.match(nfkc(text[:200]))
    if not m:
        return None
    ordinal = m.group("ord")
    arabic = ordinal in _ARABIC
    number = _ARABIC.get(ordinal) or _CHINESE[ordinal]
    head = heading_text(text)
    k = key(head)
    section = SECTIONS[number - 1]
    rest = key(m.group("rest"))[:30]
    phrases = section.key_phrases + _EXTRA_KEYS.get(number, ())
    title_key = key(section.title)
    body = re.sub(r"^[一二三四五六1-6][、.．,，]", "", k)
    score = similarity(body, title_key)
    has_phrase = any(p in rest for p in phrases)
    if arabic:
        # Arabic numbering is common in lists; require a heading-like line.
        if not (has_phrase and score >= 0.5 and len(body) <= 30):
            return None
    elif not has_phrase and score < 0.6:
        return None
    if number == 6 and "其他" in rest and not any(w in rest for w in ("需要", "事项", "报告")):
        return None
    if number == 5 and len(body) > 30:
        return None
    if _is_t3_label(k):
        return None
    return number, head, arabic, score


def _is_t3_label(k: str) -> bool:
    """Table 三's own labels (一、本年新收… 四、结转下年度…) start like headings; they are not."""
    chars = set(k)
    for t3 in _T3_LABEL_KEYS:
        if len(k) >= 6 and k in t3:
            return True
        # cheap filter before difflib: most characters must be shared
        if len(chars & set(t3)) >= 0.6 * len(set(t3)) and similarity(k, t3) > 0.72:
            return True
    return False


def find_headings(rows: list[Row]) -> list[Heading]:
    out: list[Heading] = []
    for index, row in enumerate(rows):
        cell = row.cells[0]
        text = row.text if len(row.cells) > 1 else cell.text
        if not text or len(text) < 3:
            continue
        found = recognise_heading(text)
        if found:
            number, head, arabic, score = found
            out.append(Heading(number, head, index, cell, arabic, score))
    return out


# --- title -------------------------------------------------------------------------------------

_YEAR = re.compile(r"(20\d{2})\s*年")
_TITLE_PREFIX = re.compile(r"^(?:标题|题目|title)\s*[:：]\s*", re.IGNORECASE)


@dataclass
class Title:
    text: str
    organ: str
    year: int | None
    row: int
    cell: Cell


def find_title(rows: list[Row], first_heading_row: int | None) -> Title | None:
    """The report title: a short row before the first heading naming 政府信息公开 and 报告."""
    limit = first_heading_row if first_heading_row is not None else 12
    limit = min(max(limit, 1), 40)
    first: Title | None = None
    for index, row in enumerate(rows[:limit]):
        text = _TITLE_PREFIX.sub("", squeeze(row.text))
        if len(text) > 70 or "报告" not in text or "公开" not in text:
            continue
        if text.startswith(("根据", "本报告", "按照", "依据")):
            continue
        m = _YEAR.search(text)
        year = int(m.group(1)) if m else None
        organ = ""
        if m and m.start() > 0 and not text.startswith("关于"):
            organ = text[: m.start()].strip(" 《“")
        if not organ and index > 0:
            prev = squeeze(rows[index - 1].text)
            if 2 <= len(prev) <= 30 and not any(ch.isdigit() for ch in prev):
                organ = prev
        if organ.startswith("关于"):
            organ = ""
        if organ and not text.startswith(organ) and not text.startswith("关于"):
            text = organ + text  # the organ's name printed on the line above
        found = Title(text, organ, year, index, row.cells[0])
        if organ:
            return found
        # a web page often repeats the title: prefer a later copy with the organ above it
        first = first or found
    return first


# --- statistics period ----------------------------------------------------------------------------

_PERIOD = re.compile(
    r"(?P<y1>\d{2,5})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*"
    r"(?:至|到|—|–|-|~|－)\s*(?:(?P<y2>\d{2,5})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)
_PERIOD_CONTEXT = re.compile(
    r"统计(?:期限|时限|时间|期间|区间|周期|截止|范围)|数据(?:期限|时限|时间)"
)
_LOOSE_RANGE = re.compile(
    r"(?:自|从|为)?\s*\d[\d年月日\s.．/-]{3,30}(?:至|到)[\d年月日\s.．/-]{2,30}"
)


@dataclass
class Period:
    raw: str
    start: tuple[int, int, int] | None  # (year, month, day) or None if malformed
    end: tuple[int, int, int] | None
    row: int
    cell: Cell


def find_period(rows: list[Row]) -> Period | None:
    for index, row in enumerate(rows[:400]):
        raw = row.text
        ctx = _PERIOD_CONTEXT.search(raw)  # CJK words: the same before and after NFKC
        if not ctx:
            continue
        raw = raw[ctx.start() : ctx.start() + 120]
        if index + 1 < len(rows) and len(raw) < 120:  # the statement may wrap (PDF)
            raw += rows[index + 1].text[:120]
        window = nfkc(raw)[:120]
        m = _PERIOD.search(window)
        if m:
            y1 = int(m.group("y1"))
            y2 = int(m.group("y2")) if m.group("y2") else y1
            start = (y1, int(m.group("m1")), int(m.group("d1")))
            end = (y2, int(m.group("m2")), int(m.group("d2")))
            return Period(m.group(0), start, end, index, row.cells[0])
        loose = _LOOSE_RANGE.search(window)
        if loose:
            return Period(loose.group(0).strip(), None, None, index, row.cells[0])
    return None
