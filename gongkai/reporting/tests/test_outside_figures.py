from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.reporting.models import OutsideFigure
from gongkai.reporting.outside import current_outside_figures, outside_figure_set, parse_figure


@pytest.mark.parametrize(
    ("key", "text", "unit", "expected"),
    [
        ("t2.fees.amount", "159.1474", "万元", (Decimal("159.1474"), "万元")),
        ("t2.fees.amount", "1591474", "元", (Decimal("159.1474"), "万元")),
        ("t2.fees.amount", "1,591,474元", "", (Decimal("159.1474"), "万元")),
        ("t3.new.total", "１", "件", (Decimal(1), "件")),
        ("t3.new.total", "3件", "", (Decimal(3), "件")),
    ],
)
def test_it_accepts_values_in_the_cells_unit(key, text, unit, expected):
    assert parse_figure(key=key, year=2021, text=text, unit=unit) == expected


@pytest.mark.parametrize(
    ("key", "text", "unit", "message"),
    [
        ("t3.new.total", "-1", "件", "负数"),
        ("t3.new.total", "1.5", "件", "整数"),
        ("t3.new.total", "2", "万元", "件数"),
        ("t2.fees.amount", "12", "件", "万元"),
        ("t2.fees.amount", "abc", "万元", "不是数字"),
        ("t2.fees.amount", "5万元", "元", "不一致"),
        ("t2.fees.amount", "0.0000001", "万元", "六位小数"),
        ("t3.other.total", "1", "件", "没有单元格"),
    ],
)
def test_it_refuses_bad_values_with_a_chinese_message(key, text, unit, message):
    with pytest.raises(DomainError, match=message):
        parse_figure(key=key, year=2021, text=text, unit=unit)


def test_changing_a_figure_supersedes_it_and_keeps_the_history(preparer, county):
    court = county["court"]
    outside_figure_set(
        actor=preparer,
        organ=court,
        year=2021,
        key="t2.fees.amount",
        text="150",
        unit="万元",
        note="收取诉讼费",
    )
    outside_figure_set(
        actor=preparer,
        organ=court,
        year=2021,
        key="t2.fees.amount",
        text="159.1474",
        unit="万元",
        note="收取诉讼费",
    )
    current = current_outside_figures(organ_ids=[court.pk], year=2021)
    assert [(f.key, f.value) for f in current] == [("t2.fees.amount", Decimal("159.1474"))]
    assert OutsideFigure.objects.filter(organ=court).count() == 2


def test_it_needs_a_note(preparer, county):
    with pytest.raises(DomainError, match="说明"):
        outside_figure_set(
            actor=preparer,
            organ=county["court"],
            year=2021,
            key="t2.fees.amount",
            text="1",
            unit="万元",
            note=" ",
        )


def test_an_organ_in_the_system_gets_its_figures_from_records(preparer, county):
    with pytest.raises(DomainError, match="由记录生成"):
        outside_figure_set(
            actor=preparer,
            organ=county["office"],
            year=2021,
            key="t3.new.total",
            text="1",
            unit="件",
            note="x",
        )


def test_only_the_preparer_of_the_level_above_enters_them(outsider, county):
    with pytest.raises(PermissionDeniedError):
        outside_figure_set(
            actor=outsider,
            organ=county["court"],
            year=2021,
            key="t2.fees.amount",
            text="1",
            unit="万元",
            note="诉讼费",
        )


def test_the_page_shows_a_bad_value_with_its_message(client, preparer, county):
    client.force_login(preparer)
    response = client.post(
        "/office/reports/outside/",
        {
            "organ": county["court"].pk,
            "year": 2021,
            "key": "t2.fees.amount",
            "value": "-3",
            "unit": "万元",
            "note": "诉讼费",
        },
    )
    assert response.status_code == 200
    assert "负数" in response.content.decode()
    assert not OutsideFigure.objects.exists()
    response = client.post(
        "/office/reports/outside/",
        {
            "organ": county["court"].pk,
            "year": 2021,
            "key": "t2.fees.amount",
            "value": "159.1474",
            "unit": "万元",
            "note": "收取诉讼费",
        },
    )
    assert response.status_code == 302
    assert "159.1474" in client.get("/office/reports/outside/?year=2021").content.decode()
