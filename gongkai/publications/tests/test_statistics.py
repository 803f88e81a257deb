"""Art. 20 (5)(6)(8) figures: entered by form or imported (CSV/XLSX), all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.publications.models import CatalogueEvent, DecisionStatistic
from gongkai.publications.services import decision_statistics_import, decision_statistics_record
from gongkai.publications.statistics_import import ImportRejected

pytestmark = pytest.mark.django_db


def test_a_correction_keeps_the_old_value_in_the_log(organ, editor):
    s = decision_statistics_record(
        actor=editor, organ=organ, year=2021, kind="penalty", value=Decimal(3100), source="执法平台"
    )
    decision_statistics_record(
        actor=editor,
        organ=organ,
        year=2021,
        kind="penalty",
        value=Decimal(3137),
        source="执法平台（更正）",
    )
    s.refresh_from_db()
    assert s.value == 3137 and s.source == "执法平台（更正）"
    last = CatalogueEvent.objects.filter(subject=f"publications.decisionstatistic:{s.pk}").last()
    assert last is not None
    assert last.details["old"] == "3100.000000" and last.details["new"] == "3137"


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("licensing", Decimal("1.5"), "整数"),
        ("fees", Decimal("-1"), "负数"),
        ("fees", Decimal("0.0000001"), "六位小数"),
        ("bogus", Decimal(1), "未知"),
    ],
)
def test_bad_figures_are_refused(organ, editor, kind, value, message):
    with pytest.raises(DomainError, match=message):
        decision_statistics_record(
            actor=editor, organ=organ, year=2021, kind=kind, value=value, source="x"
        )


def test_a_figure_needs_a_source_and_permission(organ, editor, stranger):
    with pytest.raises(DomainError, match="数据来源"):
        decision_statistics_record(
            actor=editor, organ=organ, year=2021, kind="penalty", value=Decimal(1), source=" "
        )
    with pytest.raises(PermissionDeniedError):
        decision_statistics_record(
            actor=stranger, organ=organ, year=2021, kind="penalty", value=Decimal(1), source="x"
        )


CSV_OK = "机关,年度,项目,数值,数据来源\n遂平县人民政府,2021,行政许可,73021,审批系统导出\n县政府,2021,行政事业性收费,12.5,财政非税收入系统\n11411728005500001A,2021,penalty,5,台账\n"


def test_it_imports_a_csv_with_names_short_names_and_credit_codes(organ, department, office_admin):
    rows = decision_statistics_import(actor=office_admin, filename="统计.csv", data=CSV_OK.encode())
    assert len(rows) == 3
    fees = DecisionStatistic.objects.get(kind="fees")
    assert fees.value == Decimal("12.5")
    assert fees.source == "财政非税收入系统（导入：统计.csv 第 3 行）"
    assert DecisionStatistic.objects.get(kind="penalty").organ == department


def test_it_imports_gb18030_csv(organ, office_admin):
    data = "机关,年度,项目,数值,数据来源\n遂平县人民政府,2021,行政处罚,3137,执法平台\n".encode(
        "gb18030"
    )
    decision_statistics_import(actor=office_admin, filename="stats.csv", data=data)
    assert DecisionStatistic.objects.get().value == 3137


def test_a_bad_row_refuses_the_whole_file_naming_line_and_field(organ, department, office_admin):
    bad = CSV_OK + "遂平县人民政府,2021,行政强制,七,台账\n不存在的局,2021,行政处罚,1,台账\n"
    with pytest.raises(ImportRejected) as exc:
        decision_statistics_import(actor=office_admin, filename="统计.csv", data=bad.encode())
    assert exc.value.problems == [
        "第 5 行“数值”：“七”不是非负数",
        "第 6 行“机关”：找不到机关“不存在的局”",
    ]
    assert DecisionStatistic.objects.count() == 0


def test_duplicate_rows_and_missing_columns_are_refused(organ, office_admin):
    dup = "机关,年度,项目,数值,数据来源\n县政府,2021,行政处罚,1,a\n县政府,2021,行政处罚,2,b\n"
    with pytest.raises(ImportRejected, match="第 3 行：与第 2 行重复"):
        decision_statistics_import(actor=office_admin, filename="a.csv", data=dup.encode())
    with pytest.raises(ImportRejected, match="缺少列“数据来源”"):
        decision_statistics_import(
            actor=office_admin, filename="a.csv", data="机关,年度,项目,数值\n".encode()
        )
    with pytest.raises(ImportRejected):
        decision_statistics_import(actor=office_admin, filename="a.xlsx", data=b"not a workbook")


def test_it_refuses_rows_for_organs_the_user_may_not_enter(organ, department, editor):
    # A handler of the county government does not act on the department.
    data = "机关,年度,项目,数值,数据来源\n县政府,2021,行政处罚,1,a\n教育局,2021,行政处罚,2,b\n"
    with pytest.raises(ImportRejected, match="第 3 行“机关”：您无权"):
        decision_statistics_import(actor=editor, filename="a.csv", data=data.encode())
    assert DecisionStatistic.objects.count() == 0


def test_it_imports_xlsx(organ, office_admin):
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.append(["organ", "year", "kind", "value", "source"])
    ws.append(["遂平县人民政府", 2021, "行政许可", 73021, "审批系统"])
    ws.append(["遂平县人民政府", 2021, "fees", 0.25, "财政"])
    buf = io.BytesIO()
    wb.save(buf)
    decision_statistics_import(actor=office_admin, filename="统计.xlsx", data=buf.getvalue())
    assert {s.kind: s.value for s in DecisionStatistic.objects.all()} == {
        "licensing": 73021,
        "fees": Decimal("0.25"),
    }
