"""The selectors that feed the annual report: table 二 and the section 一 narrative counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual_report.schema import FORMAT_2021
from gongkai.publications.models import NormativeKind, Status
from gongkai.publications.selectors import proactive_figures, table2_cells
from gongkai.publications.services import (
    decision_statistics_record,
    normative_document_register,
    normative_document_repeal,
    publication_withdraw,
)

pytestmark = pytest.mark.django_db
ND = NormativeKind.NORMATIVE_DOCUMENT


def _doc(organ, issued, repealed=None, kind=ND, expires=None):
    return normative_document_register(
        actor=None, organ=organ, kind=kind, title=f"文件 {issued}", issued_on=issued,
        repealed_on=repealed, expires_on=expires,
    )  # fmt: skip


def test_it_returns_exactly_the_ten_2021_table_two_keys(organ):
    cells = table2_cells(organ_ids=[organ.pk], year=2021)
    assert tuple(cells) == FORMAT_2021.t2_keys
    assert all(f.value == 0 and f.records == [] for f in cells.values())


def test_it_counts_article_20_item_1_from_normative_documents_as_hand_counted(organ, department):
    # Hand count for 2021 (organ + department):
    #   issued in 2021: a, b, c, e, f (5: a, b repealed later, c repealed in 2021, e/f in force)
    #   repealed in 2021: c (issued 2021), d (issued 2019), i (on 31 December) -> 3
    #   in force on 2021-12-31: old (2018), a, b, e, f  -> 5 (c, d repealed; g issued 2022;
    #     h expired 2021-06-30; i repealed exactly on 31 December -> not in force)
    old = _doc(organ, date(2018, 5, 1))
    a = _doc(organ, date(2021, 1, 4))
    b = _doc(department, date(2021, 6, 1), repealed=date(2022, 3, 1))
    c = _doc(organ, date(2021, 2, 1), repealed=date(2021, 11, 30))
    d = _doc(organ, date(2019, 2, 1))
    normative_document_repeal(actor=None, document=d, repealed_on=date(2021, 4, 1))
    e = _doc(department, date(2021, 12, 31))
    f = _doc(organ, date(2021, 7, 7), expires=date(2026, 1, 1))
    _doc(organ, date(2022, 1, 5))  # g: next year
    h = _doc(organ, date(2020, 1, 1), expires=date(2021, 6, 30))
    i = _doc(organ, date(2020, 3, 3), repealed=date(2021, 12, 31))
    reg = _doc(organ, date(2021, 8, 8), kind=NormativeKind.REGULATION)

    cells = table2_cells(organ_ids=[organ.pk, department.pk], year=2021)
    ref = lambda doc: f"publications.normativedocument:{doc.pk}"  # noqa: E731
    assert cells["t2.normative_documents.issued"].value == 5
    assert sorted(cells["t2.normative_documents.issued"].records) == sorted(
        map(ref, [a, b, c, e, f])
    )
    assert cells["t2.normative_documents.repealed"].value == 3
    assert sorted(cells["t2.normative_documents.repealed"].records) == sorted(map(ref, [c, d, i]))
    assert cells["t2.normative_documents.in_force"].value == 5
    assert sorted(cells["t2.normative_documents.in_force"].records) == sorted(
        map(ref, [old, a, b, e, f])
    )
    assert ref(h) not in cells["t2.normative_documents.in_force"].records  # expired
    assert ref(h) not in cells["t2.normative_documents.repealed"].records
    assert cells["t2.regulations.issued"].value == 1
    assert cells["t2.regulations.in_force"].records == [ref(reg)]
    assert cells["t2.regulations.repealed"].value == 0
    # Only the department's own documents when asked for the department alone.
    dept = table2_cells(organ_ids=[department.pk], year=2021)
    assert dept["t2.normative_documents.issued"].value == 2
    assert dept["t2.normative_documents.in_force"].value == 2


def test_it_reproduces_the_seed_block_one_for_normative_documents(organ):
    # Seed: 行政规范性文件 本年制发 15, 本年废止 0, 现行有效 118.
    for n in range(103):
        _doc(organ, date(2015 + n % 6, 1 + n % 12, 1 + n % 28))
    for n in range(15):
        _doc(organ, date(2021, 1 + n % 12, 2))
    cells = table2_cells(organ_ids=[organ.pk], year=2021)
    assert [
        cells[f"t2.normative_documents.{c}"].value for c in ("issued", "repealed", "in_force")
    ] == [15, 0, 118]


def test_it_takes_decisions_and_fees_from_the_statistics_with_their_records(organ, department):
    s1 = decision_statistics_record(
        actor=None,
        organ=organ,
        year=2021,
        kind="licensing",
        value=Decimal(73000),
        source="审批系统",
    )
    s2 = decision_statistics_record(
        actor=None, organ=department, year=2021, kind="licensing", value=Decimal(21), source="台账"
    )
    decision_statistics_record(
        actor=None, organ=organ, year=2021, kind="penalty", value=Decimal(3137), source="执法平台"
    )
    decision_statistics_record(
        actor=None, organ=organ, year=2021, kind="fees", value=Decimal("1.2345"), source="财政"
    )
    decision_statistics_record(
        actor=None,
        organ=department,
        year=2021,
        kind="fees",
        value=Decimal("0.000655"),
        source="财政",
    )
    decision_statistics_record(
        actor=None, organ=organ, year=2020, kind="penalty", value=Decimal(9), source="旧年"
    )
    cells = table2_cells(organ_ids=[organ.pk, department.pk], year=2021)
    assert cells["t2.licensing.decisions"].value == 73021
    assert sorted(cells["t2.licensing.decisions"].records) == sorted(
        [f"publications.decisionstatistic:{s1.pk}", f"publications.decisionstatistic:{s2.pk}"]
    )
    assert cells["t2.penalty.decisions"].value == 3137
    assert cells["t2.enforcement.decisions"].value == 0
    assert cells["t2.fees.amount"].value == Decimal("1.235155")
    assert isinstance(cells["t2.fees.amount"].value, Decimal)
    assert isinstance(cells["t2.licensing.decisions"].value, int)


def test_it_counts_each_item_once_by_category_and_once_by_primary_channel(
    organ, publish_many, reviewer
):
    ids = publish_many([
        {"title": "概况", "category": "general", "channel": "website", "channels": ["weibo", "wechat"]},
        {"title": "动态一", "category": "news", "channel": "weibo", "channels": ["website"]},
        {"title": "动态二", "category": "news", "channel": "wechat"},
        {"title": "公文", "category": "documents", "channel": "other"},
        {"title": "去年的", "category": "other", "published_on": date(2020, 12, 31)},
        {"title": "撤回的", "category": "other", "channel": "website"},
    ])  # fmt: skip
    from gongkai.publications.models import Publication

    withdrawn = Publication.objects.get(pk=ids[-1])
    publication_withdraw(actor=reviewer, publication=withdrawn, reason="内容有误")
    figures = proactive_figures(organ_ids=[organ.pk], year=2021)
    values = {k: f.value for k, f in figures.items()}
    assert values == {
        "proactive.total": 5,
        "proactive.category.general": 1,
        "proactive.category.news": 2,
        "proactive.category.documents": 1,
        "proactive.category.other": 1,
        "proactive.channel.website": 2,
        "proactive.channel.weibo": 1,
        "proactive.channel.wechat": 1,
        "proactive.channel.other": 1,
    }
    assert f"publications.publication:{ids[0]}" in figures["proactive.channel.website"].records
    assert f"publications.publication:{ids[0]}" not in figures["proactive.channel.weibo"].records
    assert withdrawn.status == Status.PUBLISHED  # the instance passed in is not mutated


def test_it_reproduces_the_seed_counts(organ, publish_many):
    # Seed: 7,589 items; 概括类 64 / 政务动态类 1,262 / 法规公文类 45 / 其他 6,218;
    # website 4,882 / Weibo 1,515 / WeChat 1,060 / other 132.
    cats = ["general"] * 64 + ["news"] * 1262 + ["documents"] * 45 + ["other"] * 6218
    chans = ["website"] * 4882 + ["weibo"] * 1515 + ["wechat"] * 1060 + ["other"] * 132
    rows = [
        {
            "title": f"信息{i}",
            "category": c,
            "channel": ch,
            "published_on": date(2021, 1 + i % 12, 1 + i % 28),
        }
        for i, (c, ch) in enumerate(zip(cats, chans, strict=True))
    ]
    publish_many(rows)
    figures = proactive_figures(organ_ids=[organ.pk], year=2021)
    assert figures["proactive.total"].value == 7589
    assert [
        figures[f"proactive.category.{c}"].value for c in ("general", "news", "documents", "other")
    ] == [64, 1262, 45, 6218]
    assert [
        figures[f"proactive.channel.{c}"].value for c in ("website", "weibo", "wechat", "other")
    ] == [4882, 1515, 1060, 132]
