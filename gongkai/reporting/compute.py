"""The annual report computed from records.

For an organ (its own report) or its whole subtree (the consolidated report, as a county
government files for 全县) and a year: every cell of tables 二, 三 and 四, and the narrative
figures (proactive items by category and channel, new applications per handling organ, the
信息处理费 collected), each with the records it came from, plus the figures organs outside the
system entered by hand. Narrative sections are drafted with sentences stating these figures
(gongkai.reporting.narrative).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gongkai.annual_report.model import AnnualReport, Provenance, ProvenanceSource
from gongkai.annual_report.schema import CellKind, format_for_year
from gongkai.core.figures import Figure, record_ref
from gongkai.orgs.models import Organ
from gongkai.orgs.selectors import organ_subtree_ids
from gongkai.reporting import narrative, sources
from gongkai.reporting.outside import current_outside_figures

OUTSIDE_NOTE = "含未纳入年报填报系统单位手工填报数"


def scope_organs(organ: Organ, *, consolidated: bool) -> list[Organ]:
    ids = organ_subtree_ids(organ.pk) if consolidated else {organ.pk}
    return list(Organ.objects.filter(pk__in=ids).order_by("sort_order", "pk"))


def collect_figures(*, inside_ids: list[int], year: int, format_version: str) -> dict[str, Figure]:
    """Every cell the records can give, keyed by canonical cell key, plus narrative figures."""
    figures: dict[str, Figure] = {}
    if format_version == "2021":
        # Table 二 from records exists for the 2021 format only (the 2019 quantities —
        # 上一年项目数量, 本年增/减 … — are not kept as records).
        figures.update(sources.table2_cells(inside_ids, year))
    figures.update(sources.table3_cells(inside_ids, year, format_version))
    figures.update(sources.table4_cells(inside_ids, year))
    figures.update(sources.proactive_figures(inside_ids, year))
    for organ_id, figure in sources.new_applications_by_organ(inside_ids, year).items():
        figures[f"applications.new_by_organ.{organ_id}"] = figure
    figures["fees.processing"] = sources.processing_fees_collected(inside_ids, year)
    return figures


def build_report(
    *,
    organ: Organ,
    year: int,
    consolidated: bool,
    subordinates: Sequence[tuple[int, AnnualReport]] = (),
) -> AnnualReport:
    """The report of `organ` for `year` from the records; `subordinates` are accepted reports
    received from subordinate bodies for a roll-up ((SubordinateReport id, report) pairs)."""
    fmt = format_for_year(year)
    organs = scope_organs(organ, consolidated=consolidated)
    inside = [o for o in organs if not o.outside_system]
    outside = [o for o in organs if o.outside_system]
    figures = collect_figures(inside_ids=[o.pk for o in inside], year=year, format_version=fmt.tag)
    report = AnnualReport.blank(organ=organ.name, year=year, format_version=fmt.tag)
    for key in fmt.cell_keys:
        figure = figures.get(key)
        if figure is None:
            report.cells[key] = None
            report.provenance[key] = Provenance(
                ProvenanceSource.COMPUTED, note="记录中没有此项（2019年格式表二的数量不由记录生成）"
            )
            continue
        report.cells[key] = _cell_value(fmt.cell(key).kind, figure.value)
        if figure.records:
            report.provenance[key] = Provenance(
                ProvenanceSource.COMPUTED, records=list(figure.records)
            )
    outside_units = _add_outside_figures(report, outside, year)
    _add_subordinate_cells(report, subordinates)
    extras = _narrative_figures(report, figures, organs, outside_units)
    _add_subordinate_figures(report, extras, subordinates)
    extras["scope"] = "consolidated" if consolidated else "own"
    extras["organ_short_name"] = organ.short_name
    extras["organ_kind"] = organ.kind
    report.extras = extras
    report.title = report.default_title()
    report.sections = narrative.generate(report)
    return report


def _cell_value(kind: CellKind, value: int | Decimal) -> int | Decimal:
    if kind is CellKind.MONEY:
        return Decimal(value)
    return int(value)


def _add_outside_figures(
    report: AnnualReport, outside: list[Organ], year: int
) -> list[dict[str, Any]]:
    fmt = report.format
    units: dict[int, dict[str, Any]] = {}
    for figure in current_outside_figures(organ_ids=[o.pk for o in outside], year=year):
        if not fmt.has_cell(figure.key):
            continue
        spec = fmt.cell(figure.key)
        amount: int | Decimal = figure.value if spec.kind is CellKind.MONEY else int(figure.value)
        current = report.cells.get(figure.key) or 0
        report.cells[figure.key] = _cell_value(spec.kind, current + amount)
        prov = report.provenance.get(figure.key) or Provenance(ProvenanceSource.COMPUTED)
        prov.records.append(record_ref("reporting.outsidefigure", figure.pk))
        prov.note = OUTSIDE_NOTE
        report.provenance[figure.key] = prov
        unit = units.setdefault(
            figure.organ_id,
            {"organ_id": figure.organ_id, "organ": figure.organ.name,
             "short_name": figure.organ.display_name, "figures": []},
        )  # fmt: skip
        unit["figures"].append(
            {"key": figure.key, "label": spec.label, "value": amount, "unit": figure.unit,
             "note": figure.note}
        )  # fmt: skip
    return list(units.values())


SUBORDINATE_NOTE = "含下级单位报送报告数"


def _add_subordinate_cells(
    report: AnnualReport, subordinates: Sequence[tuple[int, AnnualReport]]
) -> None:
    fmt = report.format
    for pk, sub in subordinates:
        ref = record_ref("reporting.subordinatereport", pk)
        for key in fmt.cell_keys:
            value, current = sub.cells.get(key), report.cells.get(key)
            if not value or current is None:
                continue
            report.cells[key] = _cell_value(fmt.cell(key).kind, current + value)
            prov = report.provenance.get(key) or Provenance(ProvenanceSource.COMPUTED)
            prov.records.append(ref)
            if SUBORDINATE_NOTE not in prov.note:
                prov.note = "；".join(x for x in (prov.note, SUBORDINATE_NOTE) if x)
            report.provenance[key] = prov


def _add_subordinate_figures(
    report: AnnualReport, extras: dict[str, Any], subordinates: Sequence[tuple[int, AnnualReport]]
) -> None:
    """Narrative figures a subordinate's report JSON carries (proactive totals …) add up too;
    each subordinate is listed among the applications per body and named in 六."""
    values = extras["figures"]
    for pk, sub in subordinates:
        ref = record_ref("reporting.subordinatereport", pk)
        for key, value in (sub.extras.get("figures") or {}).items():
            if key.startswith("proactive.") and isinstance(value, int | float | Decimal) and value:
                values[key] = values.get(key, 0) + int(value)
                extras["figure_records"].setdefault(key, []).append(ref)
        count = int(sub.cells.get("t3.new.total") or 0)
        if count:
            extras["applications_by_organ"].append(
                {"organ_id": None, "name": sub.organ, "short_name": sub.organ, "count": count,
                 "outside": False, "reported": True}
            )  # fmt: skip
    extras["subordinates"] = [{"id": pk, "organ": sub.organ} for pk, sub in subordinates]


def _narrative_figures(
    report: AnnualReport,
    figures: dict[str, Figure],
    organs: list[Organ],
    outside_units: list[dict[str, Any]],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    figure_records: dict[str, list[str]] = {}
    for key, figure in figures.items():
        if key.startswith(("proactive.", "applications.", "fees.")):
            values[key] = figure.value
            if figure.records:
                # Narrative figures are not cells: their records travel in extras (the report
                # JSON's provenance is keyed by cell only).
                figure_records[key] = list(figure.records)
    by_organ = []
    outside_new = {
        u["organ_id"]: sum(int(f["value"]) for f in u["figures"] if f["key"] == "t3.new.total")
        for u in outside_units
    }
    for organ in organs:
        if organ.outside_system:
            count = outside_new.get(organ.pk, 0)
        else:
            count = int(values.get(f"applications.new_by_organ.{organ.pk}", 0))
        if count:
            by_organ.append(
                {"organ_id": organ.pk, "name": organ.name, "short_name": organ.display_name,
                 "count": count, "outside": organ.outside_system}
            )  # fmt: skip
    return {
        "figures": values,
        "figure_records": figure_records,
        "proactive_categories": [list(pair) for pair in sources.category_labels()],
        "applications_by_organ": by_organ,
        "outside_units": outside_units,
    }


def to_storable(report: AnnualReport) -> dict[str, Any]:
    """The report JSON as stored in a JSONField: exact decimals become JSON numbers (read
    back exactly by `from_dict`, which takes money as Decimal(str(value)))."""
    return dict(json.loads(report.to_json(indent=None)))
