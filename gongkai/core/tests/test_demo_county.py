"""The demo county reproduces every figure the seed report states, and passes every rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.annual_report import rules
from gongkai.core.demo import load_demo
from gongkai.orgs.models import Organ
from gongkai.reporting.compute import build_report
from gongkai.reporting.models import Report, ReportStatus

SEED = Path("/work/shared/seed/000_8623df53ed3162fb.txt")

# Every figure the seed states, by where it sits in the report.
SEED_CELLS = {
    # 二、主动公开政府信息情况
    "t2.regulations.issued": 0, "t2.regulations.repealed": 0, "t2.regulations.in_force": 0,
    "t2.normative_documents.issued": 15, "t2.normative_documents.repealed": 0,
    "t2.normative_documents.in_force": 118,
    "t2.licensing.decisions": 73021, "t2.penalty.decisions": 3137,
    # 一（二）: 新受理26件，上年度结转1件，均已按时办结
    "t3.new.total": 26, "t3.carried_over.total": 1, "t3.total.total": 27,
    "t3.carried_forward.total": 0,
    # 四 (the seed's unlabeled row): 1 0 0 0 1 | 0 0 0 0 0 | 1 0 0 0 1
    "t4.reconsideration.upheld": 1, "t4.reconsideration.corrected": 0,
    "t4.reconsideration.other": 0, "t4.reconsideration.pending": 0, "t4.reconsideration.total": 1,
    "t4.litigation_direct.upheld": 0, "t4.litigation_direct.corrected": 0,
    "t4.litigation_direct.other": 0, "t4.litigation_direct.pending": 0,
    "t4.litigation_direct.total": 0,
    "t4.litigation_after_reconsideration.upheld": 1,
    "t4.litigation_after_reconsideration.corrected": 0,
    "t4.litigation_after_reconsideration.other": 0,
    "t4.litigation_after_reconsideration.pending": 0,
    "t4.litigation_after_reconsideration.total": 1,
}  # fmt: skip
SEED_FIGURES = {
    # 一（一）
    "proactive.total": 7589,
    "proactive.category.general": 64, "proactive.category.news": 1262,
    "proactive.category.documents": 45, "proactive.category.other": 6218,
    "proactive.channel.website": 4882, "proactive.channel.weibo": 1515,
    "proactive.channel.wechat": 1060, "proactive.channel.other": 132,
    # 六 1、未收取信息处理费
    "fees.processing": 0,
}  # fmt: skip
# 六 2、: 县政府6件、县政府办公室1件、县财政局2件、县发改委4件、县住建局4件、县自然资源局8件、
# 未纳入年报填报系统单位县生态环境分局1件
SEED_BY_ORGAN = [("县政府", 6, False), ("县政府办公室", 1, False), ("县财政局", 2, False),
                 ("县发改委", 4, False), ("县住建局", 4, False), ("县自然资源局", 8, False),
                 ("县生态环境分局", 1, True)]  # fmt: skip
SEED_SENTENCES = [
    "2021年，县政府本级主动公开政府信息7589条。其中，概括类信息64条，政务（动态）类信息1262条，"
    "法规公文类信息45条，其他信息6218条。通过政府网站公开政府信息4882条，通过政务微博公开政府信息1515条，"
    "通过政务微信公开政府信息1060条，其他方式公开132条。",
    "2021年未收取信息处理费。",
    "2021年全县政府信息公开申请数包括2021年新受理26件（县政府6件、县政府办公室1件、县财政局2件、"
    "县发改委4件、县住建局4件、县自然资源局8件、未纳入年报填报系统单位县生态环境分局1件）及上年度结转1件。",
    "2021年行政事业性收费金额包括未纳入年报填报系统单位县法院收取诉讼费159.1474万元。",
    "全年共收到涉及政府信息公开行政复议1件、行政诉讼1件，均是结果维持。",
]


@pytest.mark.slow
def test_the_demo_county_reproduces_every_figure_of_the_seed_and_passes_every_rule(db):
    result = load_demo()
    assert {a.username for a in result.accounts} >= {"admin", "office", "preparer", "approver"}
    assert all(len(a.password) >= 12 for a in result.accounts)
    gov = Organ.objects.get(name="遂平县人民政府")
    assert set(Organ.objects.filter(outside_system=True).values_list("short_name", flat=True)) == {
        "县生态环境分局",
        "县法院",
    }

    report = build_report(organ=gov, year=2021, consolidated=True)
    assert {k: report.cells[k] for k in SEED_CELLS} == SEED_CELLS
    assert report.cells["t2.fees.amount"] == Decimal("159.1474")
    figures = report.extras["figures"]
    assert {k: figures[k] for k in SEED_FIGURES} == SEED_FIGURES
    assert [
        (o["short_name"], o["count"], o["outside"]) for o in report.extras["applications_by_organ"]
    ] == SEED_BY_ORGAN
    text = "\n".join(report.sections.values())
    for sentence in SEED_SENTENCES:
        assert sentence in text
        assert sentence in SEED.read_text(encoding="utf-8")
    findings = rules.check(report)
    assert [f for f in findings if f.severity in ("error", "warning")] == []

    published = Report.objects.get(organ=gov, year=2021, scope="consolidated")
    assert published.status == ReportStatus.PUBLISHED
    assert published.published_version is not None
    assert {k: published.published_version.content["cells"][k] for k in SEED_CELLS} == SEED_CELLS

    # Applications filed on the demo site today need this year's calendar for their deadlines.
    from django.utils import timezone

    from gongkai.workdays.models import CalendarYear
    from gongkai.workdays.sources import covered_years

    loaded = set(CalendarYear.objects.values_list("year", flat=True))
    assert {2020, 2021, 2022} <= loaded
    this_year = timezone.localdate().year
    assert this_year in loaded or this_year not in covered_years()
