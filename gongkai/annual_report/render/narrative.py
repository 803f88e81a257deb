"""The report as a document outline: title, the six sections in order, their narrative split
into paragraphs, and the table that belongs to each section (二, 三, 四).

Renderers walk this outline so every format has the same order and the same paragraphs.
Narrative text is kept verbatim; a line is a paragraph; blank lines are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render.layout import Grid, grids
from gongkai.annual_report.schema import SECTIONS, Section

# A paragraph this short right before a table (e.g. "本年度主动公开情况见下表。") introduces
# it: printed outputs keep it on the same page as the table.
SHORT_LEAD = 120


class ParaKind(StrEnum):
    SUBHEAD = "subhead"  # （一）主动公开情况 — set in 楷体 in government documents
    BODY = "body"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: ParaKind


@dataclass(frozen=True)
class OutlineSection:
    section: Section
    paragraphs: tuple[Paragraph, ...]
    grid: Grid | None  # the statistical table printed in this section


# A sub-head is a short line opening with a bracketed Chinese ordinal and not ending a
# sentence: "（一）主动公开情况", "(二) 依申请公开办理情况".
_SUBHEAD = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_SENTENCE_END = ("。", "；", "！", "？", ".", ";")


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        is_subhead = (
            bool(_SUBHEAD.match(line)) and len(line) <= 40 and not line.endswith(_SENTENCE_END)
        )
        out.append(Paragraph(line, ParaKind.SUBHEAD if is_subhead else ParaKind.BODY))
    return tuple(out)


def title_of(report: AnnualReport) -> str:
    return report.title or report.default_title()


def outline(report: AnnualReport) -> tuple[OutlineSection, ...]:
    t2, t3, t4 = grids(report.format_version)
    table_of = {2: t2, 3: t3, 4: t4}
    return tuple(
        OutlineSection(s, paragraphs(report.sections.get(s.key, "")), table_of.get(s.number))
        for s in SECTIONS
    )
