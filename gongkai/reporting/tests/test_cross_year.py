"""上年结转 comes from the records; last year's 结转下年度 as filed; a mismatch is a finding
that needs an explanation before submission."""

from __future__ import annotations

import re

import pytest

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Role
from gongkai.reporting import services
from gongkai.reporting.models import ReportScope, ReportStatus
from gongkai.reporting.narrative import PROMPT_MARK
from gongkai.reporting.tests.conftest import make_user, sample_content
from gongkai.reporting.tests.scenario import build


def finish(report, preparer):
    sections = {
        k: re.sub(r"【请填写：[^】]*】", "本年度相关工作已按要求开展。", v)
        for k, v in report.content["sections"].items()
    }
    assert not any(PROMPT_MARK in v for v in sections.values())
    services.report_save_narrative(
        actor=preparer, report=report, expected_version=report.lock_version, sections=sections
    )


def test_a_carry_over_that_last_years_report_does_not_show_needs_an_explanation(county, preparer):
    build(county, preparer, make_user("admin", county["gov"], Role.OFFICE_ADMIN))
    # Last year's report, prepared elsewhere, said nothing was carried forward.
    last_year = sample_content(year=2020)
    last_year.format_version = "2019"
    last_year.cells = dict.fromkeys(last_year.format.cell_keys, 0)
    services.report_create(
        actor=preparer,
        organ=county["gov"],
        year=2020,
        scope=ReportScope.CONSOLIDATED,
        content=last_year,
    )
    report = services.report_create(
        actor=preparer, organ=county["gov"], year=2021, scope=ReportScope.CONSOLIDATED
    )
    assert report.content["cells"]["t3.carried_over.total"] == 1  # from the records
    finish(report, preparer)
    with pytest.raises(DomainError, match="CROSS-YEAR-CARRY"):
        services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    report.refresh_from_db()
    carry = [f for f in report.findings if f["rule"] == "CROSS-YEAR-CARRY"]
    assert carry and carry[0]["severity"] == "warning"
    explanations = {
        f["id"]: "2020年报告编制时漏计12月28日收到的1件申请，已核实。"
        for f in report.findings
        if f["severity"] == "warning"
    }
    services.report_submit(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        explanations=explanations,
    )
    assert report.status == ReportStatus.SUBMITTED
