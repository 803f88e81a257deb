"""The report-feeding selectors of the other apps, behind one small module.

Contracts (each returns `gongkai.core.figures.Figure`s carrying record references):
- publications: `table2_cells(*, organ_ids, year)`, `proactive_figures(*, organ_ids, year)`;
- applications: `table3_cells(*, organ_ids, year, format_version)`,
  `new_applications_by_organ(*, organ_ids, year) -> dict[int, Figure]`,
  `processing_fees_collected(*, organ_ids, year) -> Figure` (元);
- appeals: `table4_cells(*, organ_ids, year)`.

Imported by name at call time, so a checkout lacking an app says which one instead of failing
at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from gongkai.core.errors import DomainError
from gongkai.core.figures import Figure

_APP_NAMES = {
    "gongkai.publications.selectors": "主动公开（publications）",
    "gongkai.applications.selectors": "依申请公开（applications）",
    "gongkai.appeals.selectors": "行政复议与诉讼（appeals）",
}


def _selector(module: str, name: str) -> Callable[..., Any]:
    try:
        mod = importlib.import_module(module)
        return getattr(mod, name)
    except (ModuleNotFoundError, AttributeError):
        raise DomainError(
            f"{_APP_NAMES[module]}模块尚未提供 {name}，无法按记录生成年度报告。",
            f"{module}.{name} is not available; the report cannot be computed from records.",
        ) from None


def table2_cells(organ_ids: list[int], year: int) -> dict[str, Figure]:
    return dict(
        _selector("gongkai.publications.selectors", "table2_cells")(organ_ids=organ_ids, year=year)
    )


def proactive_figures(organ_ids: list[int], year: int) -> dict[str, Figure]:
    return dict(
        _selector("gongkai.publications.selectors", "proactive_figures")(
            organ_ids=organ_ids, year=year
        )
    )


def table3_cells(organ_ids: list[int], year: int, format_version: str) -> dict[str, Figure]:
    fn = _selector("gongkai.applications.selectors", "table3_cells")
    return dict(fn(organ_ids=organ_ids, year=year, format_version=format_version))


def new_applications_by_organ(organ_ids: list[int], year: int) -> dict[int, Figure]:
    fn = _selector("gongkai.applications.selectors", "new_applications_by_organ")
    return {int(k): v for k, v in fn(organ_ids=organ_ids, year=year).items()}


def processing_fees_collected(organ_ids: list[int], year: int) -> Figure:
    fn = _selector("gongkai.applications.selectors", "processing_fees_collected")
    figure = fn(organ_ids=organ_ids, year=year)
    if isinstance(figure, dict):  # tolerate a keyed form of the contract
        total = Figure(Decimal(0))
        for part in figure.values():
            total.value += part.value
            total.records.extend(part.records)
        return total
    return figure


def table4_cells(organ_ids: list[int], year: int) -> dict[str, Figure]:
    return dict(
        _selector("gongkai.appeals.selectors", "table4_cells")(organ_ids=organ_ids, year=year)
    )


def category_labels() -> list[tuple[str, str]]:
    """(code, name) of the proactive-disclosure categories, in their configured order."""
    try:
        models = importlib.import_module("gongkai.publications.models")
        category = models.Category
    except (ModuleNotFoundError, AttributeError):
        return []
    return [(str(c.code), str(c.name)) for c in category.objects.order_by("sort_order", "pk")]
