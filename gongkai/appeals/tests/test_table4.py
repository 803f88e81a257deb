from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.annual_report.schema import T4_KEYS
from gongkai.appeals import services
from gongkai.appeals.models import AppealKind, AppealResult
from gongkai.appeals.selectors import table4_cells


def case(actor, organ, kind, filed, decided=None, result=AppealResult.UPHELD, **kw):
    appeal = services.appeal_register(
        actor=actor,
        kind=kind,
        organ=organ,
        filed_on=filed,
        claimant="李某",
        forum="某机关",
        subject="答复",
        **kw,
    )
    if decided:
        services.appeal_record_result(
            actor=actor, appeal=appeal, expected_version=0, result=result, decided_on=decided
        )
    return appeal


def values(cells):
    return {k: f.value for k, f in cells.items() if f.value}


def test_it_returns_the_fifteen_keys_of_table_four(county):
    assert tuple(table4_cells(organ_ids=[county["gov"].pk], year=2021)) == T4_KEYS


def test_it_counts_each_result_and_the_group_total_with_records(office_admin, county):
    fin = county["finance"]
    a = case(
        office_admin, fin, AppealKind.RECONSIDERATION, dt.date(2021, 3, 1), dt.date(2021, 5, 1)
    )
    case(
        office_admin,
        fin,
        AppealKind.RECONSIDERATION,
        dt.date(2021, 4, 1),
        dt.date(2021, 6, 1),
        AppealResult.CORRECTED,
    )
    case(office_admin, fin, AppealKind.LITIGATION_DIRECT, dt.date(2021, 4, 1))
    cells = table4_cells(organ_ids=[fin.pk], year=2021)
    assert values(cells) == {
        "t4.reconsideration.upheld": 1,
        "t4.reconsideration.corrected": 1,
        "t4.reconsideration.total": 2,
        "t4.litigation_direct.pending": 1,
        "t4.litigation_direct.total": 1,
    }
    assert cells["t4.reconsideration.upheld"].records == [f"appeals.appeal:{a.pk}"]


def test_a_case_decided_next_year_is_pending_in_the_year_it_was_filed(office_admin, county):
    fin = county["finance"]
    case(office_admin, fin, AppealKind.RECONSIDERATION, dt.date(2021, 12, 20), dt.date(2022, 2, 1))
    assert values(table4_cells(organ_ids=[fin.pk], year=2021)) == {
        "t4.reconsideration.pending": 1,
        "t4.reconsideration.total": 1,
    }
    assert values(table4_cells(organ_ids=[fin.pk], year=2022)) == {}


@override_settings(GONGKAI_APPEAL_COUNT_YEAR="decided")
def test_in_decided_mode_a_case_counts_as_pending_then_in_its_result_year(office_admin, county):
    fin = county["finance"]
    case(office_admin, fin, AppealKind.RECONSIDERATION, dt.date(2021, 12, 20), dt.date(2022, 2, 1))
    assert values(table4_cells(organ_ids=[fin.pk], year=2021)) == {
        "t4.reconsideration.pending": 1,
        "t4.reconsideration.total": 1,
    }
    assert values(table4_cells(organ_ids=[fin.pk], year=2022)) == {
        "t4.reconsideration.upheld": 1,
        "t4.reconsideration.total": 1,
    }
    assert values(table4_cells(organ_ids=[fin.pk], year=2020)) == {}


def test_the_reconsideration_organ_as_codefendant_does_not_count_the_suit(office_admin, county):
    gov, fin = county["gov"], county["finance"]
    recon = case(
        office_admin, fin, AppealKind.RECONSIDERATION, dt.date(2021, 3, 1), dt.date(2021, 4, 1)
    )
    case(
        office_admin,
        fin,
        AppealKind.LITIGATION_AFTER_RECONSIDERATION,
        dt.date(2021, 5, 1),
        dt.date(2021, 9, 1),
        reconsideration=recon,
        codefendant_organ=gov,
    )
    # The county government was co-defendant as reconsideration organ: not in its own table.
    assert values(table4_cells(organ_ids=[gov.pk], year=2021)) == {}
    # The department counts it; the consolidated county table counts it once.
    expected = {
        "t4.reconsideration.upheld": 1,
        "t4.reconsideration.total": 1,
        "t4.litigation_after_reconsideration.upheld": 1,
        "t4.litigation_after_reconsideration.total": 1,
    }
    assert values(table4_cells(organ_ids=[fin.pk], year=2021)) == expected
    assert values(table4_cells(organ_ids=[gov.pk, fin.pk], year=2021)) == expected


def test_a_case_from_another_year_or_organ_is_not_counted(office_admin, county):
    case(office_admin, county["finance"], AppealKind.RECONSIDERATION, dt.date(2020, 12, 31))
    case(office_admin, county["office"], AppealKind.RECONSIDERATION, dt.date(2021, 1, 1))
    assert values(table4_cells(organ_ids=[county["finance"].pk], year=2021)) == {}
