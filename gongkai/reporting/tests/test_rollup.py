from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.reporting import services
from gongkai.reporting.models import ReportScope, SubordinateStatus
from gongkai.reporting.rollup import subordinate_import, subordinate_set_included
from gongkai.reporting.tests.conftest import sample_content

SEED = "/work/shared/seed/000_8623df53ed3162fb.txt"


@pytest.fixture
def county_report(preparer, county):
    return services.report_create(
        actor=preparer, organ=county["gov"], year=2021, scope=ReportScope.CONSOLIDATED
    )


def township(name="遂平县车站街道办事处", **cells):
    report = sample_content(organ_name=name, **cells)
    report.extras = {"figures": {"proactive.total": 40}}
    return report.to_json().encode()


def test_an_accepted_report_is_merged_and_named_in_section_six(county_report, preparer):
    sub = subordinate_import(
        actor=preparer, report=county_report, filename="chezhan.json", data=township()
    )
    assert sub.status == SubordinateStatus.ACCEPTED and sub.findings == []
    services.report_recompute(
        actor=preparer, report=county_report, expected_version=county_report.lock_version
    )
    content = county_report.content
    assert content["cells"]["t3.new.total"] == 2
    assert content["extras"]["figures"]["proactive.total"] == 40
    assert (
        f"reporting.subordinatereport:{sub.pk}" in content["provenance"]["t3.new.total"]["records"]
    )
    assert "下级单位报送的年度报告数据（遂平县车站街道办事处）" in content["sections"]["other"]


def test_a_report_with_errors_is_shown_with_its_findings_and_never_merged(county_report, preparer):
    sub = subordinate_import(
        actor=preparer, report=county_report, filename="bad.json", data=township(t3__new__total=5)
    )  # rows no longer add up
    assert sub.status == SubordinateStatus.HAS_ERRORS
    assert {"T3-BALANCE", "T3-ROWSUM"} <= {f["rule"] for f in sub.findings}
    services.report_recompute(
        actor=preparer, report=county_report, expected_version=county_report.lock_version
    )
    assert county_report.content["cells"]["t3.new.total"] == 0
    with pytest.raises(Exception, match="不能纳入汇总"):
        subordinate_set_included(actor=preparer, subordinate=sub, include=True)


def test_a_malformed_file_names_every_problem(county_report, preparer):
    data = json.dumps(
        {
            "schema": "gongkai.annual-report/1",
            "organ": "某乡",
            "year": 2021,
            "format_version": "2021",
            "cells": {"t3.new.total": -1},
        }
    ).encode()
    sub = subordinate_import(actor=preparer, report=county_report, filename="x.json", data=data)
    assert sub.status == SubordinateStatus.HAS_ERRORS
    assert any("件数不能为负数" in f["message"] for f in sub.findings)
    assert all(f["rule"] == "ROLLUP-FILE" for f in sub.findings)


def test_a_body_inside_the_system_or_another_year_is_refused(county_report, preparer):
    sub = subordinate_import(
        actor=preparer,
        report=county_report,
        filename="office.json",
        data=township(name="遂平县人民政府办公室"),
    )
    assert "ROLLUP-IN-SYSTEM" in {f["rule"] for f in sub.findings}
    report_2020 = sample_content(organ_name="某乡", year=2020)
    report_2020.format_version = "2021"
    sub = subordinate_import(
        actor=preparer,
        report=county_report,
        filename="old.json",
        data=report_2020.to_json().encode(),
    )
    assert "ROLLUP-YEAR" in {f["rule"] for f in sub.findings}


def test_the_same_body_twice_is_refused(county_report, preparer):
    subordinate_import(actor=preparer, report=county_report, filename="a.json", data=township())
    sub = subordinate_import(
        actor=preparer, report=county_report, filename="b.json", data=township()
    )
    assert "ROLLUP-DUPLICATE" in {f["rule"] for f in sub.findings}


def test_a_published_document_is_read_by_the_importers_with_its_findings(county_report, preparer):
    with open(SEED, "rb") as fh:
        sub = subordinate_import(
            actor=preparer, report=county_report, filename="seed.txt", data=fh.read()
        )
    assert sub.organ_name == "遂平县人民政府"
    assert sub.status == SubordinateStatus.HAS_ERRORS  # the seed lost its table 三
    assert any(f["severity"] == "error" for f in sub.findings)


def test_the_page_uploads_and_shows_the_findings(client, preparer, county_report):
    client.force_login(preparer)
    upload = SimpleUploadedFile(
        "bad.json", township(t3__new__total=5), content_type="application/json"
    )
    response = client.post(
        f"/office/reports/{county_report.pk}/subordinates/", {"report_file": upload}, follow=True
    )
    page = response.content.decode()
    assert "有错误，未纳入汇总" in page and "T3-BALANCE" in page
