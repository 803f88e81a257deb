"""Reads of appeals, and table 四 of the annual report.

Counting rules (docs/reporting.md, "Table 四"):

1. A case is counted by the original acting body (`Appeal.organ`) only. A reconsideration
   organ that is co-defendant in a suit after reconsideration does not count it (both format
   texts; report-rules.md §3) — `codefendant_organ` is never looked at here.
2. Which year: `GONGKAI_APPEAL_COUNT_YEAR`.
   - `filed` (default, observed practice): the year the reconsideration was applied for or the
     suit was filed, whatever year the underlying application was from. Its result is the one
     known at 31 December of that year; a case decided later is 尚未审结 in that year's report.
   - `decided`: the year the case was concluded, in its result column; a case still open at
     31 December is counted 尚未审结 in that year (and again, in its result column, in the year
     it is decided).
3. Each group's 总计 is the sum of its four result columns (T4-TOTALS holds by construction).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet

from gongkai.annual_report.schema import T4_COLUMNS, T4_GROUPS
from gongkai.appeals.models import Appeal
from gongkai.applications.models import Application
from gongkai.core.figures import Figure, record_ref

T4_RESULT_COLUMNS = tuple(c for c, _ in T4_COLUMNS if c != "total")


def appeals_for_organs(organ_ids: Iterable[int]) -> QuerySet[Appeal]:
    return Appeal.objects.filter(organ_id__in=list(organ_ids)).select_related(
        "organ", "codefendant_organ", "reconsideration", "application"
    )


def find_application(reference: str, organ_ids: Iterable[int]) -> Application | None:
    """An application by its case number (依申〔2021〕42号) or id, among these organs."""
    digits = re.findall(r"\d+", reference or "")
    if not digits:
        return None
    pk = int(digits[-1]) if "〕" in reference or len(digits) == 1 else None
    if pk is None:
        return None
    return Application.objects.filter(pk=pk, organ_id__in=list(organ_ids)).first()


def count_mode() -> str:
    return str(settings.GONGKAI_APPEAL_COUNT_YEAR)


def result_at(appeal: Appeal, day: dt.date) -> str:
    """The table 四 column of `appeal` as known at the end of `day`."""
    if appeal.result and appeal.decided_on is not None and appeal.decided_on <= day:
        return str(appeal.result)
    return "pending"


def counted_appeals(*, organ_ids: Iterable[int], year: int) -> QuerySet[Appeal]:
    """The cases table 四 of `year` counts for these organs (rule 2 above)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = Appeal.objects.filter(organ_id__in=list(organ_ids))
    if count_mode() == "decided":
        open_at_end = Q(filed_on__lte=end) & (Q(decided_on__isnull=True) | Q(decided_on__gt=end))
        return qs.filter(Q(decided_on__range=(start, end)) | open_at_end)
    return qs.filter(filed_on__range=(start, end))


def table4_cells(*, organ_ids: Iterable[int], year: int) -> dict[str, Figure]:
    """The 15 cells of table 四, each with the cases behind it."""
    cells = {f"t4.{g.key}.{c}": Figure() for g in T4_GROUPS for c, _ in T4_COLUMNS}
    end = dt.date(year, 12, 31)
    rows = counted_appeals(organ_ids=organ_ids, year=year).values_list(
        "pk", "kind", "result", "decided_on"
    )
    for pk, kind, result, decided_on in rows:
        column = result if result and decided_on is not None and decided_on <= end else "pending"
        ref = record_ref("appeals.appeal", pk)
        cells[f"t4.{kind}.{column}"].add(ref)
        cells[f"t4.{kind}.total"].add(ref)
    return cells
