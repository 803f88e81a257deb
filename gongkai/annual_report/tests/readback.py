"""Reading rendered tables back, independently of the renderers' own layout code.

Each reader turns an output table into a grid of positions → (origin, text), expanding merged
cells the way a person (or a parser) sees them. `located_values` then finds every figure and
the labels it sits under: the header cells above it (up to the previous run of figures) and
the label cells to its left. `by_key` maps those label sets to canonical cell keys through the
schema's label paths — so a figure printed under the wrong label, a missing label, or a
swapped value all fail.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render.layout import NULL_MARK, format_value
from gongkai.annual_report.schema import T3_APPLICANT_HEADER, T3_NOTE, FormatVersion

_VALUE = re.compile(r"-?\d+(\.\d+)?|" + NULL_MARK)
# Header cells that label no figure by themselves.
NOT_IN_PATH = {T3_APPLICANT_HEADER, T3_NOTE}


@dataclass(frozen=True)
class Pos:
    origin: Any  # identity of the (merged) cell covering this position
    text: str
    is_value: bool


Grid = dict[tuple[int, int], Pos]


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_value_text(text: str) -> bool:
    return bool(_VALUE.fullmatch(norm(text)))


def located_values(grid: Grid) -> list[tuple[frozenset[str], str, tuple[int, int]]]:
    """(labels above and left, printed text, position) for every figure in the grid."""
    out = []
    seen: set[Any] = set()
    for (r, c), pos in sorted(grid.items()):
        if not pos.is_value or pos.origin in seen:
            continue
        seen.add(pos.origin)
        labels: list[str] = []
        origins: set[Any] = set()
        collected = False
        for rr in range(r - 1, -1, -1):
            above = grid.get((rr, c))
            if above is None or above.is_value:
                if collected:
                    break
                continue
            collected = True
            if above.origin not in origins:
                origins.add(above.origin)
                labels.append(norm(above.text))
        for cc in range(c - 1, -1, -1):
            left = grid.get((r, cc))
            if left is not None and not left.is_value and left.origin not in origins:
                origins.add(left.origin)
                labels.append(norm(left.text))
        path = frozenset(
            label for label in labels if label and label not in {norm(x) for x in NOT_IN_PATH}
        )
        out.append((path, norm(pos.text), (r, c)))
    return out


def key_by_path(fmt: FormatVersion, table: str) -> dict[frozenset[str], str]:
    keys = [k for k in fmt.cell_keys if fmt.cell(k).table == table]
    mapping = {frozenset(norm(x) for x in fmt.cell(k).path): k for k in keys}
    assert len(mapping) == len(keys), "label paths must identify cells uniquely"
    return mapping


def assert_table_matches(grid: Grid, report: AnnualReport, table: str) -> None:
    """Every figure of `table` is printed exactly once, under exactly its official labels,
    with exactly its value (`0` for zero, `—` for null, money with all its decimals)."""
    fmt = report.format
    mapping = key_by_path(fmt, table)
    found: Counter[str] = Counter()
    problems = []
    for path, text, pos in located_values(grid):
        key = mapping.get(path)
        if key is None:
            problems.append(f"{pos}: {text!r} under labels {sorted(path)} matches no cell")
            continue
        found[key] += 1
        want = format_value(report.cells[key])
        if text != want:
            problems.append(f"{key} at {pos}: printed {text!r}, expected {want!r}")
    missing = [k for k in mapping.values() if found[k] == 0]
    twice = [k for k, n in found.items() if n > 1]
    assert not problems and not missing and not twice, (problems, missing, twice)


def expected_labels(fmt: FormatVersion) -> list[str]:
    """Every label the three tables print (with the table 三 group lines and the note)."""
    labels: list[str] = ["信息内容"]
    for block in fmt.t2_blocks:
        labels.append(block.header)
        labels += [c.label for c in block.columns]
        labels += [r.label for r in block.rows]
    labels += [T3_NOTE, T3_APPLICANT_HEADER, "法人或其他组织"]
    labels += ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    labels += [r.label for r in fmt.t3_rows]
    labels += ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
    labels += ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    return labels


def expand(rows: Iterable[Iterable[tuple[Any, str, int, int]]]) -> Grid:
    """Expand rows of (origin, text, rowspan, colspan) — HTML style, where a merged cell
    appears once, in its first row — into a full grid."""
    grid: Grid = {}
    for r, row in enumerate(rows):
        c = 0
        for origin, text, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            pos = Pos(origin, text, is_value_text(text))
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    grid[(rr, cc)] = pos
            c += colspan
    return grid


def exact(value: Any) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
