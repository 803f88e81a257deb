"""AnnualReport: one body's report for one year, in one format version.

The JSON form is the contract of docs/architecture.md ("Report JSON"): `schema`,
`format_version`, `organ`, `year`, a flat `cells` object holding exactly the keys of that
version (a number, or null where the document has no such cell), the six narrative
`sections` beside it, and per-cell `provenance`. Money is a `Decimal` in memory and an exact
JSON number on disk, so a round trip loses nothing.

Pure Python: no Django.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from gongkai.annual_report.schema import (
    FORMATS,
    SECTION_KEYS,
    VERSIONED_TABLES,
    CellKind,
    FormatVersion,
    UnknownFormatError,
    get_format,
    version_specific_keys,
)

SCHEMA_ID = "gongkai.annual-report/1"

# extras keys with a meaning for the rules (RPT-FORMAT-VERSION):
# the version each table of the source was laid out in, {"二": "2019", "三": "2021"} …
DETECTED_VERSIONS = "detected_versions"
# … and the values of cells of a table found in the other version, by their own keys
OTHER_FORMAT_CELLS = "other_format_cells"

CellValue = int | Decimal | None


class ProvenanceSource(StrEnum):
    COMPUTED = "computed"  # computed from records in gongkai
    MANUAL = "manual"  # typed in by a person
    DOCUMENT = "document"  # read from a published document


@dataclass
class Provenance:
    """Where one cell's value came from.

    - computed: `records` names the query or the record ids behind the figure;
    - manual: `note` says who entered it and why (e.g. an organ outside the system);
    - document: `page`/`line` or `table`/`row`/`column` locate it; `raw` is the text it was read
      from; `blank` is true when the cell was empty and read as 0.
    """

    source: ProvenanceSource
    note: str = ""
    records: list[str] = field(default_factory=list)
    page: int | None = None
    line: int | None = None
    table: str | None = None
    row: int | None = None
    column: int | None = None
    raw: str | None = None
    blank: bool = False
    unit: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source.value}
        if self.note:
            out["note"] = self.note
        if self.records:
            out["records"] = list(self.records)
        for name in ("page", "line", "table", "row", "column", "raw", "unit"):
            value = getattr(self, name)
            if value is not None:  # "" is a value (an empty cell's raw text), None is not
                out[name] = value
        if self.blank:
            out["blank"] = True
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Provenance:
        """Read an entry written by to_json; ValueError/TypeError/KeyError if malformed."""

        def opt(name: str, kind: type) -> Any:
            value = data.get(name)
            if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
                raise TypeError(f"{name} must be {kind.__name__}")
            return value

        records = data.get("records", [])
        if not isinstance(records, list) or not all(isinstance(r, str) for r in records):
            raise TypeError("records must be a list of strings")
        note = data.get("note", "")
        blank = data.get("blank", False)
        if not isinstance(note, str) or not isinstance(blank, bool):
            raise TypeError("note must be text and blank true/false")
        return cls(
            source=ProvenanceSource(data["source"]),
            note=note,
            records=list(records),
            page=opt("page", int),
            line=opt("line", int),
            table=opt("table", str),
            row=opt("row", int),
            column=opt("column", int),
            raw=opt("raw", str),
            blank=blank,
            unit=opt("unit", str),
        )


@dataclass
class AnnualReport:
    organ: str
    year: int
    format_version: str
    cells: dict[str, CellValue]
    sections: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SECTION_KEYS, ""))
    provenance: dict[str, Provenance] = field(default_factory=dict)
    title: str = ""
    # Narrative figures and anything else that travels with the report (by-category and
    # by-channel proactive counts, applications per handling organ, 信息处理费 …).
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def format(self) -> FormatVersion:
        return get_format(self.format_version)

    @classmethod
    def blank(
        cls, *, organ: str, year: int, format_version: str, fill: CellValue = 0
    ) -> AnnualReport:
        """A report holding every key of the format, each set to `fill` (0 or None)."""
        fmt = get_format(format_version)
        return cls(
            organ=organ,
            year=year,
            format_version=fmt.tag,
            cells=dict.fromkeys(fmt.cell_keys, fill),
        )

    def value(self, key: str) -> CellValue:
        return self.cells.get(key)

    def default_title(self) -> str:
        return f"{self.organ}{self.year}年政府信息公开工作年度报告"

    # --- JSON -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "format_version": self.format_version,
            "organ": self.organ,
            "year": self.year,
            "title": self.title,
            "cells": {key: self.cells.get(key) for key in self.format.cell_keys},
            "sections": {key: self.sections.get(key, "") for key in SECTION_KEYS},
        }
        if self.provenance:
            out["provenance"] = {k: p.to_json() for k, p in sorted(self.provenance.items())}
        if self.extras:
            out["extras"] = self.extras
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        return dumps(self.to_dict(), indent=indent)


# --- JSON encoding with exact decimals ----------------------------------------------------------


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """json.dumps that writes each Decimal as the exact JSON number it holds (no float rounding).

    Decimals are first replaced by tagged strings carrying their text; the tag is random per
    call, so no user text can collide with it; then the quoted tags are swapped for the bare
    digits.
    """
    tag = f"gkdec{secrets.token_hex(8)}:"

    def convert(o: Any) -> Any:
        if isinstance(o, Decimal):
            return tag + format(o, "f")
        if isinstance(o, dict):
            return {k: convert(v) for k, v in o.items()}
        if isinstance(o, list | tuple):
            return [convert(v) for v in o]
        return o

    text = json.dumps(convert(data), ensure_ascii=False, indent=indent)
    return re.sub(f'"{tag}(-?[0-9.]+)"', r"\1", text)


# --- reading and validating ---------------------------------------------------------------------


@dataclass
class ReportProblem:
    """One thing wrong with a report file: which key, what, in Chinese and English."""

    key: str
    message: str
    message_en: str

    def __str__(self) -> str:
        where = f"{self.key}: " if self.key else ""
        return f"{where}{self.message} / {self.message_en}"


class ReportFileError(ValueError):
    """A report file cannot be used. `problems` lists every problem found, not just the first."""

    def __init__(self, problems: list[ReportProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def loads(text: str) -> AnnualReport:
    """Parse report JSON text; raise ReportFileError naming every bad key."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    def constant(name: str) -> Any:
        # NaN / Infinity are not JSON; Python's reader accepts them unless told otherwise
        raise ValueError(name)

    try:
        data = json.loads(
            text, parse_float=Decimal, object_pairs_hook=pairs, parse_constant=constant
        )
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):
            raise ReportFileError(
                [
                    ReportProblem(
                        "",
                        f"不是有效的 JSON：{exc} 不是 JSON 数值",
                        f"not valid JSON: {exc} is not a JSON number",
                    )
                ]
            ) from None
        raise ReportFileError(
            [
                ReportProblem(
                    "",
                    f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}",
                    f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}",
                )
            ]
        ) from None
    if duplicates:
        raise ReportFileError(
            [
                ReportProblem(key, "JSON 中此键出现了不止一次", "this key occurs more than once")
                for key in dict.fromkeys(duplicates)
            ]
        )
    return from_dict(data)


def read_file(path: str | Path) -> AnnualReport:
    """Read a report JSON file; every problem (no such file, not UTF-8, bad JSON, bad keys)
    raises ReportFileError with a bilingual message."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReportFileError(
            [ReportProblem("", f"文件不存在：{p}", f"no such file: {p}")]
        ) from None
    except IsADirectoryError:
        raise ReportFileError(
            [ReportProblem("", f"这是一个目录，不是文件：{p}", f"is a directory, not a file: {p}")]
        ) from None
    except OSError as exc:
        raise ReportFileError(
            [
                ReportProblem(
                    "", f"无法读取文件 {p}：{exc.strerror}", f"cannot read {p}: {exc.strerror}"
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportFileError(
            [
                ReportProblem(
                    "",
                    f"文件不是 UTF-8 编码（第 {exc.start} 字节）",
                    f"the file is not UTF-8 encoded (byte {exc.start})",
                )
            ]
        ) from None
    return loads(text)


def from_dict(data: Any) -> AnnualReport:
    problems: list[ReportProblem] = []

    def problem(key: str, zh: str, en: str) -> None:
        problems.append(ReportProblem(key, zh, en))

    if not isinstance(data, dict):
        raise ReportFileError(
            [ReportProblem("", "顶层应为 JSON 对象", "top level must be an object")]
        )
    if data.get("schema") != SCHEMA_ID:
        problem("schema", f"应为 {SCHEMA_ID!r}，实际为 {data.get('schema')!r}",
                f"must be {SCHEMA_ID!r}, got {data.get('schema')!r}")  # fmt: skip
    organ = data.get("organ")
    if not isinstance(organ, str) or not organ.strip():
        problem("organ", "缺少机关名称", "organ name is missing")
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        problem("year", f"年度应为整数，实际为 {year!r}", f"year must be an integer, got {year!r}")
        year = None
    tag = data.get("format_version")
    fmt: FormatVersion | None = None
    try:
        fmt = get_format(str(tag)) if tag is not None else None
    except UnknownFormatError:
        problem("format_version", f"未知的格式版本 {tag!r}（可用：2019、2021）",
                f"unknown format version {tag!r} (known: 2019, 2021)")  # fmt: skip
    if tag is None:
        problem("format_version", "缺少格式版本", "format_version is missing")
    cells_in = data.get("cells")
    cells: dict[str, CellValue] = {}
    foreign: dict[str, CellValue] = {}
    detected: dict[str, str] = {}
    if not isinstance(cells_in, dict):
        problem("cells", "缺少 cells 对象", "cells object is missing")
    elif fmt is not None:
        # A whole table laid out in the other version (a 2021 report whose table 二 has the
        # 2019 columns: format §1.1) is not a broken file but a finding (RPT-FORMAT-VERSION):
        # keep its values aside, leave this version's cells of that table null.
        for table, other_fmt in tables_in_other_version(fmt, cells_in).items():
            detected[table] = other_fmt.tag
            for key in version_specific_keys(other_fmt.tag, table):
                value, err = _check_value(other_fmt.cell(key).kind, cells_in[key])
                if err:
                    problem(key, f"{other_fmt.cell(key).label}：{err[0]}", err[1])
                foreign[key] = value
            for key in version_specific_keys(fmt.tag, table):
                cells[key] = None
        known = set(fmt.cell_keys) | set(foreign)
        for key in sorted(set(cells_in) - known):
            other = "2019" if fmt.tag == "2021" else "2021"
            hint_zh, hint_en = "", ""
            if get_format(other).has_cell(key):
                hint_zh = f"（这是 {other} 年格式的单元格）"
                hint_en = f" (it is a cell of the {other} format)"
            problem(key, f"{fmt.tag} 年格式中没有这个单元格{hint_zh}",
                    f"not a cell of the {fmt.tag} format{hint_en}")  # fmt: skip
        for key in fmt.cell_keys:
            if key in cells and key not in cells_in:
                continue  # this version's cells of a table found in the other version
            if key not in cells_in:
                problem(key, "缺少这个单元格（没有的单元格请写 null）",
                        "cell is missing (write null for a cell the document does not have)")  # fmt: skip
                continue
            value, err = _check_value(fmt.cell(key).kind, cells_in[key])
            if err:
                problem(key, f"{fmt.cell(key).label}：{err[0]}", err[1])
            cells[key] = value
    sections_in = data.get("sections", {})
    sections = dict.fromkeys(SECTION_KEYS, "")
    if not isinstance(sections_in, dict):
        problem("sections", "应为对象", "must be an object")
    else:
        for key, text in sections_in.items():
            if key not in SECTION_KEYS:
                problem(f"sections.{key}", f"未知的部分（可用：{', '.join(SECTION_KEYS)}）",
                        f"unknown section (known: {', '.join(SECTION_KEYS)})")  # fmt: skip
            elif not isinstance(text, str):
                problem(f"sections.{key}", "应为文本", "must be text")
            else:
                sections[key] = text
    provenance: dict[str, Provenance] = {}
    provenance_in = data.get("provenance") or {}
    if not isinstance(provenance_in, dict):
        problem("provenance", "应为对象（单元格键 → 来源记录）",
                "must be an object (cell key → provenance entry)")  # fmt: skip
        provenance_in = {}
    for key, prov in provenance_in.items():
        if fmt is not None and not fmt.has_cell(key) and key not in foreign:
            problem(f"provenance.{key}", f"{fmt.tag} 年格式中没有这个单元格",
                    f"not a cell of the {fmt.tag} format")  # fmt: skip
            continue
        try:
            provenance[key] = Provenance.from_json(prov)
        except (KeyError, ValueError, TypeError, AttributeError):
            problem(f"provenance.{key}", "来源记录格式错误（需要 source：computed、manual 或 document）",
                    "malformed provenance entry (needs source: computed, manual or document)")  # fmt: skip
    if problems:
        raise ReportFileError(problems)
    assert fmt is not None and isinstance(organ, str) and isinstance(year, int)
    extras = data.get("extras") or {}
    extras = dict(extras) if isinstance(extras, dict) else {}
    if detected:
        extras[DETECTED_VERSIONS] = {
            **dict.fromkeys(VERSIONED_TABLES, fmt.tag),
            **(extras.get(DETECTED_VERSIONS) or {}),
            **detected,
        }
        extras[OTHER_FORMAT_CELLS] = {**(extras.get(OTHER_FORMAT_CELLS) or {}), **foreign}
    return AnnualReport(
        organ=organ,
        year=year,
        format_version=fmt.tag,
        cells=cells,
        sections=sections,
        provenance=provenance,
        title=str(data.get("title") or ""),
        extras=extras,
    )


def tables_in_other_version(fmt: FormatVersion, keys: Iterable[str]) -> dict[str, FormatVersion]:
    """Tables whose keys are all those of another format version and none of `fmt`'s own
    (e.g. the 19 cells peculiar to the 2019 table 二 in a file declared 2021)."""
    present = set(keys)
    out: dict[str, FormatVersion] = {}
    for table in VERSIONED_TABLES:
        if any(k in present for k in version_specific_keys(fmt.tag, table)):
            continue
        for other in FORMATS.values():
            theirs = version_specific_keys(other.tag, table)
            if other.tag != fmt.tag and theirs and all(k in present for k in theirs):
                out[table] = other
    return out


def _check_value(kind: CellKind, value: Any) -> tuple[CellValue, tuple[str, str] | None]:
    """Validate one cell value; return it normalised, or an error (zh, en)."""
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        return None, (
            f"应为数字或 null，实际为 {value!r}",
            f"must be a number or null, got {value!r}",
        )
    if not Decimal(str(value)).is_finite():
        return None, (f"不是有限数值：{value}", f"not a finite number: {value}")
    if kind is CellKind.MONEY:
        amount = Decimal(str(value))
        if amount < 0:
            return None, (f"金额不能为负数：{value}", f"amount cannot be negative: {value}")
        return amount, None
    if isinstance(value, Decimal | float):
        if Decimal(str(value)) != Decimal(str(value)).to_integral_value():
            return None, (f"应为整数，不能有小数：{value}", f"must be a whole number: {value}")
        value = int(Decimal(str(value)))
    if kind is CellKind.COUNT and value < 0:
        return None, (f"件数不能为负数：{value}", f"a count cannot be negative: {value}")
    return int(value), None
