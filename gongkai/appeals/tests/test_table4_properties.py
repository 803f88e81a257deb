"""Property: for any case history, each group's 总计 is the sum of its four result columns,
every case is counted exactly once per year it belongs to, and a consolidated table is the sum
of the organs' own tables (the co-defendant is never counted)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual_report.schema import T4_COLUMNS, T4_GROUPS
from gongkai.appeals.models import Appeal, AppealKind, AppealStatus
from gongkai.appeals.selectors import table4_cells

KINDS = list(AppealKind.values)
RESULTS = ["", "upheld", "corrected", "other"]

cases = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, 2),  # organ index
        st.dates(dt.date(2020, 6, 1), dt.date(2022, 6, 30)),
        st.integers(0, 400),  # days to decision
        st.sampled_from(RESULTS),
        st.booleans(),  # co-defendant: the county government
    ),
    max_size=25,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=cases)
def test_table_four_adds_up_for_any_case_history(county, office_admin, specs):
    organs = [county["gov"], county["office"], county["finance"]]
    Appeal.objects.all().delete()
    for kind, organ_i, filed, days, result, codefendant in specs:
        decided = filed + dt.timedelta(days=days) if result else None
        Appeal.objects.create(
            kind=kind,
            organ=organs[organ_i],
            filed_on=filed,
            decided_on=decided,
            result=result,
            status=AppealStatus.CONCLUDED if result else AppealStatus.PENDING,
            codefendant_organ=county["gov"] if codefendant and organ_i else None,
            claimant="某",
            forum="某",
            subject="某",
            created_by=office_admin,
        )
    for year in (2020, 2021, 2022):
        per_organ = [table4_cells(organ_ids=[o.pk], year=year) for o in organs]
        total = table4_cells(organ_ids=[o.pk for o in organs], year=year)
        for group in T4_GROUPS:
            parts = sum(total[f"t4.{group.key}.{c}"].value for c, _ in T4_COLUMNS if c != "total")
            assert parts == total[f"t4.{group.key}.total"].value
            for column, _ in T4_COLUMNS:
                key = f"t4.{group.key}.{column}"
                assert total[key].value == sum(cells[key].value for cells in per_organ)
        counted = sum(total[f"t4.{g.key}.total"].value for g in T4_GROUPS)
        assert counted == sum(1 for s in specs if s[2].year == year)
