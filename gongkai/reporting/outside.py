"""Figures of organs outside the system (未纳入年报填报系统单位), entered by hand.

The seed's consolidated county report includes 县生态环境分局 (one application) and 县法院
(159.1474万元 of litigation fees), which file nothing through the county's system; their figures
are typed in by the county's report preparer with a note, added into the consolidated cells
and named in section 六. Every value is validated against the cell it feeds: counts are
non-negative whole numbers in 件; money is non-negative, in the unit the label fixes (万元) —
an amount typed in 元 is converted and the original kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from gongkai.annual_report.schema import CellKind, format_for_year
from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.orgs.models import Organ
from gongkai.reporting.models import OutsideFigure
from gongkai.reporting.permissions import can_enter_outside_figures_for

_NUMBER = re.compile(r"^\s*([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(万元|元|件)?\s*$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def parse_figure(*, key: str, year: int, text: str, unit: str = "") -> tuple[Decimal, str]:
    """Validate one typed value for cell `key`; return (value in the cell's unit, that unit).

    `unit` is the unit chosen beside the box; a unit typed inside the box must agree with it.
    """
    fmt = format_for_year(year)
    if not fmt.has_cell(key):
        raise DomainError(f"{year}年格式中没有单元格 {key}。", f"{key} is not a cell of {fmt.tag}.",
                          field="key")  # fmt: skip
    spec = fmt.cell(key)
    match = _NUMBER.match(text or "")
    if not match:
        if (text or "").strip().startswith("-"):
            raise DomainError("数值不能为负数。", "The value cannot be negative.", field="value")
        raise DomainError(
            f"“{text}”不是数字。请填写非负数，例如 12 或 159.1474。",
            f"{text!r} is not a number.",
            field="value",
        )
    digits = match.group(1).translate(_FULLWIDTH).replace(",", "")
    typed_unit = match.group(2) or ""
    if typed_unit and unit and typed_unit != unit:
        raise DomainError(
            f"数值中的单位“{typed_unit}”与所选单位“{unit}”不一致。",
            "The unit typed does not match the unit chosen.",
            field="value",
        )
    unit = typed_unit or unit or spec.unit
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise DomainError(
            f"“{text}”不是数字。", f"{text!r} is not a number.", field="value"
        ) from None
    if spec.kind is CellKind.MONEY:
        if unit == "元":
            value = value / Decimal(10000)
        elif unit != "万元":
            raise DomainError(
                f"“{spec.row_label}”的单位是万元（也可填元，自动换算），不能用“{unit}”。",
                f"{key} is in 万元 (or 元, converted); {unit!r} is not a money unit.",
                field="unit",
            )
        if value != value.quantize(Decimal("0.000001")):
            raise DomainError("金额最多保留到万元的六位小数（即 0.01 元）。",
                              "At most six decimals of 万元.", field="value")  # fmt: skip
        return value.normalize() if value else Decimal(0), "万元"
    if unit not in ("件", ""):
        raise DomainError(
            f"“{spec.label}”是件数，单位只能是件，不能用“{unit}”。",
            f"{key} is a count (件); {unit!r} is not allowed.",
            field="unit",
        )
    if value != value.to_integral_value():
        raise DomainError("件数必须是整数。", "A count must be a whole number.", field="value")
    return Decimal(int(value)), "件"


@transaction.atomic
def outside_figure_set(
    *, actor: User, organ: Organ, year: int, key: str, text: str, unit: str = "", note: str
) -> OutsideFigure:
    """Enter or change one figure; the previous value (if any) is superseded, never lost."""
    if not organ.outside_system:
        raise DomainError(
            f"{organ.name}已纳入系统，其数字由记录生成，不能手工填报。",
            "This organ is in the system; its figures come from records.",
            field="organ",
        )
    if not can_enter_outside_figures_for(actor, organ):
        raise PermissionDeniedError(
            f"您无权填报{organ.name}的数据。", "You may not enter this unit's figures."
        )
    if not note.strip():
        raise DomainError(
            "请填写说明（数据来源或事项，例如“收取诉讼费”）。",
            "A note is required (the source or what the figure is).",
            field="note",
        )
    value, cell_unit = parse_figure(key=key, year=year, text=text, unit=unit)
    now = timezone.now()
    OutsideFigure.objects.filter(
        organ=organ, year=year, key=key, superseded_at__isnull=True
    ).update(superseded_at=now)
    return OutsideFigure.objects.create(
        organ=organ,
        year=year,
        key=key,
        value=value,
        unit=cell_unit,
        entered_value=f"{text.strip()}{unit if unit and not text.strip().endswith(unit) else ''}",
        note=note.strip(),
        entered_by=actor,
    )


@transaction.atomic
def outside_figure_remove(*, actor: User, figure: OutsideFigure) -> None:
    if not can_enter_outside_figures_for(actor, figure.organ):
        raise PermissionDeniedError("您无权修改该单位的数据。", "You may not change these figures.")
    OutsideFigure.objects.filter(pk=figure.pk, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )


def current_outside_figures(*, organ_ids: Iterable[int], year: int) -> list[OutsideFigure]:
    return list(
        OutsideFigure.objects.filter(
            organ_id__in=list(organ_ids), organ__outside_system=True, year=year,
            superseded_at__isnull=True,
        ).select_related("organ")
    )  # fmt: skip
