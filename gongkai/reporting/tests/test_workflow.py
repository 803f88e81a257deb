from __future__ import annotations

import pytest

from gongkai.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongkai.reporting import services
from gongkai.reporting.models import ReportEvent, ReportStatus, ReportVersion
from gongkai.reporting.tests.conftest import error, sample_content, warning


@pytest.fixture
def report(preparer, county):
    return services.report_create(
        actor=preparer, organ=county["gov"], year=2021, content=sample_content()
    )


def test_it_creates_a_draft_with_its_first_version(report):
    assert report.status == ReportStatus.DRAFT
    assert report.version_number == 1
    assert report.title == "遂平县人民政府2021年政府信息公开工作年度报告"
    assert [e.action for e in report.events.all()] == ["create"]


def test_it_refuses_a_second_report_for_the_same_organ_year_and_scope(report, preparer, county):
    with pytest.raises(DomainError, match="已存在"):
        services.report_create(
            actor=preparer, organ=county["gov"], year=2021, content=sample_content()
        )


def test_it_refuses_a_report_for_an_organ_outside_the_system(preparer, county):
    with pytest.raises((DomainError, PermissionDeniedError)):
        services.report_create(
            actor=preparer, organ=county["court"], year=2021, content=sample_content()
        )


def test_someone_from_another_organ_cannot_create_it(outsider, county):
    with pytest.raises(PermissionDeniedError):
        services.report_create(
            actor=outsider, organ=county["gov"], year=2021, content=sample_content()
        )


def test_the_whole_path_draft_return_fix_approve_publish(report, preparer, approver, findings):
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    assert report.status == ReportStatus.SUBMITTED
    with pytest.raises(DomainError, match="意见"):
        services.report_return(actor=approver, report=report, expected_version=report.lock_version)
    services.report_return(
        actor=approver,
        report=report,
        expected_version=report.lock_version,
        comment="第五部分过于简单，请具体说明。",
    )
    assert report.status == ReportStatus.RETURNED
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"problems": "一是公开理念不够到位。二是制度建设不够健全。"},
    )
    assert report.status == ReportStatus.RETURNED and report.version_number == 2
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    services.report_approve(actor=approver, report=report, expected_version=report.lock_version)
    services.report_publish(actor=approver, report=report, expected_version=report.lock_version)
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_version.number == 2
    assert [(e.action, e.from_status, e.to_status) for e in report.events.all()] == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("submit", "returned", "submitted"),
        ("approve", "submitted", "approved"),
        ("publish", "approved", "published"),
    ]
    assert report.events.get(action="return").comment == "第五部分过于简单，请具体说明。"


def test_each_step_needs_its_role(report, preparer, approver, findings):
    with pytest.raises(PermissionDeniedError):
        services.report_submit(actor=approver, report=report, expected_version=report.lock_version)
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    with pytest.raises(PermissionDeniedError):
        services.report_approve(actor=preparer, report=report, expected_version=report.lock_version)
    with pytest.raises(DomainError, match="不能修改"):
        services.report_save_narrative(
            actor=preparer,
            report=report,
            expected_version=report.lock_version,
            sections={"problems": "x"},
        )


def test_a_step_outside_the_table_is_refused(report, approver):
    with pytest.raises(DomainError, match="不能发布"):
        services.report_publish(actor=approver, report=report, expected_version=report.lock_version)


def test_errors_block_submission(report, preparer, findings):
    findings.append(error())
    with pytest.raises(DomainError, match="1 个错误"):
        services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.findings[0]["rule"] == "T3-BALANCE"


def test_warnings_need_a_written_explanation(report, preparer, findings):
    findings.append(warning())
    with pytest.raises(DomainError, match="说明"):
        services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    report.refresh_from_db()
    fid = report.findings[0]["id"]
    with pytest.raises(DomainError):
        services.report_submit(
            actor=preparer,
            report=report,
            expected_version=report.lock_version,
            explanations={fid: "   "},
        )
    services.report_submit(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        explanations={fid: "2020年报告由原系统编制，结转数经核实为1件。"},
    )
    assert report.status == ReportStatus.SUBMITTED
    assert report.explanations == {fid: "2020年报告由原系统编制，结转数经核实为1件。"}


def test_a_stale_draft_in_a_second_tab_gets_a_conflict_not_a_lost_edit(report, preparer):
    tab_a = tab_b = report.lock_version
    services.report_save_narrative(
        actor=preparer, report=report, expected_version=tab_a, sections={"problems": "A 的修改"}
    )
    with pytest.raises(ConflictError):
        services.report_save_narrative(
            actor=preparer, report=report, expected_version=tab_b, sections={"problems": "B 的修改"}
        )
    report.refresh_from_db()
    assert report.content["sections"]["problems"] == "A 的修改"
    assert report.version_number == 2


def test_revising_a_published_report_keeps_the_published_version_public(
    report, preparer, approver, findings
):
    for _step in ("submit",):
        services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    services.report_approve(actor=approver, report=report, expected_version=report.lock_version)
    services.report_publish(actor=approver, report=report, expected_version=report.lock_version)
    services.report_revise(
        actor=approver,
        report=report,
        expected_version=report.lock_version,
        comment="更正第五部分错字",
    )
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"problems": "更正后的文字"},
    )
    assert report.status == ReportStatus.DRAFT
    assert report.published_version.number == 1
    assert report.published_version.content["sections"]["problems"] == "问题。"


def test_versions_and_events_are_append_only(report):
    version = ReportVersion.objects.get(report=report)
    with pytest.raises(ValueError):
        version.save()
    with pytest.raises(ValueError):
        ReportEvent.objects.get(report=report).save()


def test_saving_unchanged_text_adds_no_version(report, preparer):
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"problems": "问题。"},
    )
    assert report.version_number == 1


def test_a_draft_with_fill_in_prompts_cannot_be_submitted(report, preparer, findings):
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"problems": "【请填写：存在的主要问题】"},
    )
    with pytest.raises(DomainError, match="五、存在的主要问题及改进情况"):
        services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    assert report.status == ReportStatus.DRAFT


def test_a_hand_edited_section_is_kept_on_recompute_and_can_be_reset(preparer, county):
    report = services.report_create(actor=preparer, organ=county["gov"], year=2021)
    generated = report.content["sections"]["other"]
    services.report_save_narrative(
        actor=preparer,
        report=report,
        expected_version=report.lock_version,
        sections={"other": "手工写的第六部分。"},
    )
    services.report_recompute(actor=preparer, report=report, expected_version=report.lock_version)
    assert report.content["sections"]["other"] == "手工写的第六部分。"
    services.report_reset_section(
        actor=preparer, report=report, expected_version=report.lock_version, section="other"
    )
    assert report.content["sections"]["other"] == generated
    assert report.edited_sections == []
    assert [v.reason for v in report.versions.order_by("number")][-1].startswith("恢复生成文字")
