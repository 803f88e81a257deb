"""From a ParsedDocument to an AnnualReport and what was learned about its structure.

    extraction = extract(doc)
    extraction.report      # AnnualReport: cells (null where the document lacks them), sections,
                           # provenance for every value, extras["detected_versions"]
    extraction.tables      # TableInfo per table: found, version, missing rows, label deviations …
    extraction.headings / .title / .period

The report's format version is the one its tables show (table 二 first, then table 三); the
year is used only when no table tells.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.annual_report.model import AnnualReport, Provenance, ProvenanceSource
from gongkai.annual_report.parse.base import ParsedDocument, Row
from gongkai.annual_report.parse.layout import split_inline_headings, tokenize
from gongkai.annual_report.parse.sections import (
    Heading,
    Period,
    Title,
    find_headings,
    find_period,
    find_title,
)
from gongkai.annual_report.parse.tables import ReadValue, Tables, read_tables
from gongkai.annual_report.schema import (
    SECTIONS,
    T3_COLUMN_KEYS,
    UnknownFormatError,
    format_for_year,
    get_format,
)

_YEAR = re.compile(r"(20\d{2})\s*年")
RECOVERED_NOTE = "从连写的数字串中拆分 / cut from a flattened digit run"


@dataclass
class Extraction:
    document: ParsedDocument
    rows: list[Row]
    report: AnnualReport
    tables: Tables
    headings: list[Heading]
    title: Title | None
    period: Period | None
    year_source: str  # "title" | "period" | "text" | "unknown"
    unit_notes: list[tuple[str, str, str]] = field(default_factory=list)  # key, printed, expected
    preamble: str = ""


def extract(doc: ParsedDocument) -> Extraction:
    rows = split_inline_headings(doc.rows)
    headings = find_headings(rows)
    first_heading = headings[0].row if headings else None
    title = find_title(rows, first_heading)
    period = find_period(rows)
    year, year_source = _year(title, period, rows)
    toks = tokenize(rows)
    tables = read_tables(toks, {h.row: h.number for h in headings}, year)
    version = tables.t2.version or tables.t3.version
    if version is None:
        try:
            version = format_for_year(year).tag if year else "2021"
        except UnknownFormatError:
            version = "2021"
    fmt = get_format(version)
    organ = title.organ if title and title.organ else organ_from_text(rows)
    report = AnnualReport(
        organ=organ,
        year=year or 0,
        format_version=fmt.tag,
        cells=dict.fromkeys(fmt.cell_keys, None),
        title=title.text if title else "",
    )
    unit_notes: list[tuple[str, str, str]] = []
    for info in (tables.t2, tables.t3, tables.t4):
        for cell_key, rv in info.values.items():
            if fmt.has_cell(cell_key):
                _put(report, cell_key, rv, info.name, unit_notes)
    _bridge_t3_other(report, tables)
    report.sections, preamble = _sections(rows, headings, tables, title)
    report.extras = {
        "detected_versions": {
            t.name: t.version for t in (tables.t2, tables.t3) if t.found and t.version
        },
        "importer": doc.importer,
    }
    if doc.url:
        report.extras["source_url"] = doc.url
    if period is not None:
        report.extras["period"] = period.raw
    if preamble:
        report.extras["preamble"] = preamble
    return Extraction(
        doc, rows, report, tables, headings, title, period, year_source, unit_notes, preamble
    )


_ORGAN_END = r"(?:人民政府|街道办事处|管理委员会|管委会|办事处|委员会|局|厅|院|办公室)"
_CONTACT = re.compile(
    rf"(?:请与|联系(?:单位|人)?[:：]|请联系[:：]?)\s*([\u4e00-\u9fff]{{2,30}}?{_ORGAN_END})"
)
_ORGAN_IN_TEXT = re.compile(
    r"([\u4e00-\u9fff]{2,16}?(?:县|市|区|镇|乡|街道)[\u4e00-\u9fff]{0,10}?(?:人民政府|政府|街道办事处|管理委员会))"
)


def organ_from_text(rows: list[Row]) -> str:
    """The body's name when there is no title: the office named for enquiries, cut back to
    the government it belongs to (柞水县凤凰镇人民政府党政办公室 → 柞水县凤凰镇人民政府)."""
    head = "\n".join(r.text for r in rows[:15])[:3000]
    m = _CONTACT.search(head)
    if m:
        name = m.group(1)
        inner = _ORGAN_IN_TEXT.search(name)
        return inner.group(1) if inner else name
    return ""


def _year(title: Title | None, period: Period | None, rows: list[Row]) -> tuple[int | None, str]:
    if title and title.year:
        return title.year, "title"
    if period and period.start and 2000 <= period.start[0] <= 2100:
        return period.start[0], "period"
    counts: Counter[int] = Counter()
    for row in rows[:60]:
        for m in _YEAR.finditer(row.text):
            counts[int(m.group(1))] += 1
    if counts:
        return counts.most_common(1)[0][0], "text"
    return None, "unknown"


def provenance_for(rv: ReadValue, table: str) -> Provenance:
    cell = rv.tok.cell
    return Provenance(
        source=ProvenanceSource.DOCUMENT,
        note=RECOVERED_NOTE if rv.recovered else "",
        page=cell.page,
        line=cell.line,
        table=table,
        row=cell.row,
        column=cell.column,
        raw=(rv.tok.raw or "")[:200],
        blank=rv.blank,
        unit=rv.tok.unit,
    )


def _put(report: AnnualReport, cell_key: str, rv: ReadValue, table: str,
         unit_notes: list[tuple[str, str, str]]) -> None:  # fmt: skip
    spec = report.format.cell(cell_key)
    value: int | Decimal = rv.value
    unit = rv.tok.unit
    if unit and spec.unit == "万元" and unit == "元":
        unit_notes.append((cell_key, unit, spec.unit))
        value = Decimal(value) / Decimal(10000)
    elif unit and spec.unit == "件":
        unit_notes.append((cell_key, unit, spec.unit))
    report.cells[cell_key] = value
    report.provenance[cell_key] = provenance_for(rv, table)


def _bridge_t3_other(report: AnnualReport, tables: Tables) -> None:
    """Table 三 printed in the other version's shape for row （六）其他处理.

    2019 shape in a 2021 report: the sub-rows are unknown unless the single row is all 0
    (non-negative counts that sum to 0 are each 0). 2021 shape in a 2019 report: t3.other is
    the sum of the three sub-rows.
    """
    t3 = tables.t3
    if not t3.found or t3.version is None or t3.version == report.format_version:
        return
    if report.format_version == "2021":
        for col in T3_COLUMN_KEYS:
            rv = t3.values.get(f"t3.other.{col}")
            if rv is None:
                continue
            if rv.value == 0:
                for sub in ("no_correction", "no_fee", "other"):
                    k = f"t3.other.{sub}.{col}"
                    report.cells[k] = 0
                    prov = provenance_for(rv, "三")
                    prov.note = "由 2019 年式“（六）其他处理”单行为 0 推出 / derived: the single 2019-style row is 0"
                    report.provenance[k] = prov
    else:
        for col in T3_COLUMN_KEYS:
            parts = [
                t3.values.get(f"t3.other.{sub}.{col}")
                for sub in ("no_correction", "no_fee", "other")
            ]
            if all(p is not None for p in parts):
                k = f"t3.other.{col}"
                report.cells[k] = sum(p.value for p in parts if p is not None)
                prov = provenance_for(parts[0], "三")  # type: ignore[arg-type]
                prov.note = "由 2021 年式三个子行相加 / sum of the three 2021-style sub-rows"
                report.provenance[k] = prov


def _sections(rows: list[Row], headings: list[Heading], tables: Tables,
              title: Title | None) -> tuple[dict[str, str], str]:  # fmt: skip
    texts: dict[str, list[str]] = {s.key: [] for s in SECTIONS}
    skip = set(tables.consumed_rows)
    if title is not None:
        skip.add(title.row)
    bounds = [h.row for h in headings] + [len(rows)]
    first = headings[0].row if headings else len(rows)
    preamble = "\n".join(r.text for i, r in enumerate(rows[:first]) if i not in skip)
    for h, end in zip(headings, bounds[1:], strict=True):
        key = SECTIONS[h.number - 1].key
        body = []
        head_row = rows[h.row].text
        rest = head_row[len(h.text) :].strip() if head_row.startswith(h.text) else ""
        if rest and h.row not in skip:
            body.append(rest)
        for i in range(h.row + 1, end):
            if i not in skip:
                body.append(rows[i].text)
        texts[key].append("\n".join(body))
    return {k: "\n".join(v).strip() for k, v in texts.items()}, preamble


def narrative_text(extraction: Extraction) -> str:
    """All narrative text (preamble and sections), for the narrative checks."""
    parts = [extraction.preamble, *extraction.report.sections.values()]
    return "\n".join(p for p in parts if p)


def to_jsonable(value: Any) -> Any:
    return value
