from __future__ import annotations

import pytest

from gongkai.reporting import services
from gongkai.reporting.tests.conftest import sample_content


@pytest.fixture
def report(preparer, county):
    return services.report_create(
        actor=preparer, organ=county["gov"], year=2021, content=sample_content()
    )


def test_the_report_page_shows_the_three_tables_with_drill_down_links(client, preparer, report):
    client.force_login(preparer)
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    for label in (
        "第二十条第（一）项",
        "行政规范性文件",
        "（本列数据的勾稽关系为",
        "复议后起诉",
        "六、其他需要报告的事项",
    ):
        assert label in page
    assert f"/office/reports/{report.pk}/cells/t3.new.total/" in page


def test_a_stale_edit_page_shows_a_conflict_and_keeps_the_typed_text(client, preparer, report):
    client.force_login(preparer)
    form = {
        "lock_version": report.lock_version,
        "title": report.title,
        "overview": "甲",
        "problems": "第一个窗口的文字",
    }
    assert client.post(f"/office/reports/{report.pk}/edit/", form).status_code == 302
    response = client.post(
        f"/office/reports/{report.pk}/edit/", {**form, "problems": "第二个窗口的文字"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "保存冲突" in page and "第二个窗口的文字" in page
    report.refresh_from_db()
    assert report.content["sections"]["problems"] == "第一个窗口的文字"


def test_the_public_sees_only_published_reports(client, preparer, approver, report, findings):
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert report.title not in client.get("/reports/").content.decode()
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    services.report_approve(actor=approver, report=report, expected_version=report.lock_version)
    services.report_publish(actor=approver, report=report, expected_version=report.lock_version)
    assert report.title in client.get("/reports/").content.decode()
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "一、本年新收政府信息公开申请数量" in page and "cells/" not in page


def test_the_versions_page_shows_a_diff(client, preparer, report):
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"problems": "改后的问题"},
    )
    client.force_login(preparer)
    page = client.get(f"/office/reports/{report.pk}/versions/?a=1&b=2").content.decode()
    assert "<ins>改后的问题</ins>" in page and "<del>问题。</del>" in page


def test_export_gives_the_report_json(client, preparer, report):
    client.force_login(preparer)
    response = client.get(f"/office/reports/{report.pk}/export.json")
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["schema"] == "gongkai.annual-report/1" and data["cells"]["t3.new.total"] == 2


def test_another_organ_cannot_open_the_report(client, outsider, report):
    client.force_login(outsider)
    assert client.get(f"/office/reports/{report.pk}/").status_code == 404


def test_the_approver_returns_through_the_page(client, preparer, approver, report, findings):
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    client.force_login(approver)
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert "退回修改" in page and "审核通过" in page
    client.post(
        f"/office/reports/{report.pk}/step/",
        {"lock_version": report.lock_version, "action": "return", "comment": "请补充"},
    )
    report.refresh_from_db()
    assert report.status == "returned"


@pytest.mark.parametrize(("ext", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_the_published_report_downloads_as_pdf_docx_and_xlsx(
    client, preparer, approver, report, findings, ext, magic
):
    assert client.get(f"/reports/{report.pk}/report.{ext}").status_code == 404
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    services.report_approve(actor=approver, report=report, expected_version=report.lock_version)
    services.report_publish(actor=approver, report=report, expected_version=report.lock_version)
    response = client.get(f"/reports/{report.pk}/report.{ext}")
    assert response.status_code == 200 and response.content.startswith(magic)
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()
    assert (
        f"/reports/{report.pk}/report.{ext}"
        in client.get(f"/reports/{report.pk}/").content.decode()
    )


def test_the_edit_page_resets_a_hand_edited_section(client, preparer, county):
    report = services.report_create(actor=preparer, organ=county["gov"], year=2021)
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"other": "手工写的"},
    )
    client.force_login(preparer)
    page = client.get(f"/office/reports/{report.pk}/edit/").content.decode()
    assert "恢复：六、其他需要报告的事项" in page
    client.post(
        f"/office/reports/{report.pk}/reset/",
        {"lock_version": report.lock_version, "section": "other"},
    )
    report.refresh_from_db()
    assert "信息处理费" in report.content["sections"]["other"]


def test_the_submit_page_names_sections_still_to_write(client, preparer, county):
    report = services.report_create(actor=preparer, organ=county["gov"], year=2021)
    client.force_login(preparer)
    page = client.get(f"/office/reports/{report.pk}/submit/").content.decode()
    assert "尚待填写" in page and "五、存在的主要问题及改进情况" in page
    assert "disabled" in page
