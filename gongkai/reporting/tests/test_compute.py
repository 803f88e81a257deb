from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.annual_report import rules
from gongkai.annual_report.findings import Severity
from gongkai.orgs.models import Role
from gongkai.reporting.compute import build_report
from gongkai.reporting.tests.conftest import make_user
from gongkai.reporting.tests.scenario import build


@pytest.fixture
def records(county, preparer):
    admin = make_user("admin", county["gov"], Role.OFFICE_ADMIN)
    return build(county, preparer, admin)


def test_the_consolidated_report_counts_the_whole_county_and_the_outside_units(county, records):
    _apps, _recon = records
    report = build_report(organ=county["gov"], year=2021, consolidated=True)
    c = report.cells
    assert (c["t2.normative_documents.issued"], c["t2.normative_documents.in_force"]) == (1, 2)
    assert c["t2.licensing.decisions"] == 12
    assert c["t2.fees.amount"] == Decimal("160.6474")  # 1.5 from records + 159.1474 by hand
    assert (c["t3.new.total"], c["t3.carried_over.total"]) == (4, 1)  # 3 records + 1 by hand
    assert (c["t3.total.total"], c["t3.carried_forward.total"]) == (4, 1)
    assert (c["t3.granted.total"], c["t3.partial.total"], c["t3.unable.not_held.commercial"]) == (
        2,
        1,
        1,
    )
    assert (c["t4.reconsideration.upheld"], c["t4.reconsideration.total"]) == (1, 1)
    figures = report.extras["figures"]
    assert figures["proactive.total"] == 5
    assert (figures["proactive.category.general"], figures["proactive.category.other"]) == (2, 3)
    assert (figures["proactive.channel.website"], figures["proactive.channel.wechat"]) == (3, 2)


def test_every_figure_drills_down_to_its_records(county, records):
    apps, recon = records
    report = build_report(organ=county["gov"], year=2021, consolidated=True)
    assert report.provenance["t3.carried_over.total"].records == [
        f"applications.application:{apps[0].pk}"
    ]
    assert report.provenance["t4.reconsideration.upheld"].records == [f"appeals.appeal:{recon.pk}"]
    fee = report.provenance["t2.fees.amount"]
    assert fee.note.startswith("含未纳入") and any(
        r.startswith("reporting.outsidefigure:") for r in fee.records
    )
    assert len(report.extras["figure_records"]["proactive.total"]) == 5


def test_the_own_report_counts_only_the_organ(county, records):
    report = build_report(organ=county["office"], year=2021, consolidated=False)
    assert (report.cells["t3.new.total"], report.cells["t2.fees.amount"]) == (2, Decimal("1.5"))
    assert report.cells["t4.reconsideration.total"] == 0
    assert report.extras["figures"]["proactive.total"] == 5
    assert "未纳入" not in report.sections["other"]


def test_the_generated_report_passes_every_rule(county, records):
    report = build_report(organ=county["gov"], year=2021, consolidated=True)
    problems = [f for f in rules.check(report) if f.severity == Severity.ERROR]
    assert problems == []


def test_the_narrative_names_the_outside_units(county, records):
    report = build_report(organ=county["gov"], year=2021, consolidated=True)
    other = report.sections["other"]
    assert "未纳入年报填报系统单位县生态环境分局1件" in other
    assert "行政事业性收费金额包括未纳入年报填报系统单位县法院收取诉讼费159.1474万元" in other
    assert "2021年，全县新受理政府信息公开申请4件，上年度结转1件" in report.sections["overview"]


def test_a_stored_report_reads_back_and_its_figures_drill_down_on_the_page(
    client, county, records, preparer
):
    from gongkai.annual_report.model import from_dict
    from gongkai.reporting import services
    from gongkai.reporting.compute import to_storable

    apps, _recon = records
    report = build_report(organ=county["gov"], year=2021, consolidated=True)
    assert from_dict(to_storable(report)).cells == report.cells
    stored = services.report_create(
        actor=preparer, organ=county["gov"], year=2021, scope="consolidated"
    )
    client.force_login(preparer)
    page = client.get(f"/office/reports/{stored.pk}/cells/t3.carried_over.total/").content.decode()
    assert apps[0].reference in page and apps[0].name not in page  # no personal data
    page = client.get(f"/office/reports/{stored.pk}/cells/proactive.total/").content.decode()
    assert "共 5 条记录" in page
    assert client.get(f"/office/reports/{stored.pk}/cells/nonsense/").status_code == 404
