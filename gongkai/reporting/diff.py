"""What changed between two versions of a report: cells (old → new, with official labels)
and the narrative, paragraph by paragraph."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from gongkai.annual_report.schema import SECTIONS, get_format


@dataclass(frozen=True)
class CellChange:
    key: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class SectionChange:
    key: str
    heading: str
    lines: list[tuple[str, str]]  # (" " | "-" | "+", text)


@dataclass(frozen=True)
class ReportDiff:
    title: tuple[str, str] | None
    cells: list[CellChange]
    sections: list[SectionChange]

    @property
    def empty(self) -> bool:
        return not (self.title or self.cells or self.sections)


def _label(format_version: str, key: str) -> str:
    fmt = get_format(format_version)
    return fmt.cell(key).label if fmt.has_cell(key) else key


def diff_contents(old: dict[str, Any], new: dict[str, Any]) -> ReportDiff:
    version = str(new.get("format_version") or old.get("format_version") or "2021")
    old_cells, new_cells = old.get("cells", {}), new.get("cells", {})
    cells = [
        CellChange(key, _label(version, key), old_cells.get(key), new_cells.get(key))
        for key in dict.fromkeys([*old_cells, *new_cells])
        if str(old_cells.get(key)) != str(new_cells.get(key))
    ]
    sections: list[SectionChange] = []
    for section in SECTIONS:
        a = str(old.get("sections", {}).get(section.key, "")).splitlines()
        b = str(new.get("sections", {}).get(section.key, "")).splitlines()
        if a == b:
            continue
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(a, b)
            if line[:1] in (" ", "-", "+") and line[:2] != "? "
        ]
        sections.append(SectionChange(section.key, section.heading, lines))
    title = None
    if old.get("title") != new.get("title"):
        title = (str(old.get("title") or ""), str(new.get("title") or ""))
    return ReportDiff(title, cells, sections)
