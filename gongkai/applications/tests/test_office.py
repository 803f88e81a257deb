"""The back office through HTTP: queue, case page, actions with optimistic locking, staff
registration, export with masking, letters."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date as D

import pytest
from openpyxl import load_workbook

from gongkai.applications import export as export_module
from gongkai.applications.letters.defaults import DEFAULTS
from gongkai.applications.letters.output import to_docx, to_pdf
from gongkai.applications.letters.render import available_letters, render_letter
from gongkai.applications.models import Application, LetterTemplate, Status
from gongkai.applications.tests.helpers import VALID_ID, org, register, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cal, county):
    return register(county["edu"], D(2025, 6, 3))


def test_the_queue_shows_a_department_only_its_own_cases(client, case, county, people):
    register(county["civ"], D(2025, 6, 4), org())
    client.force_login(people["handler"])
    html = client.get("/office/applications/").content.decode()
    assert case.reference in html and "某某科技有限公司" not in html
    client.force_login(people["other_handler"])
    assert client.get(f"/office/applications/{case.pk}/").status_code == 404
    client.force_login(people["office"])  # the county office sees its whole subtree
    html = client.get("/office/applications/").content.decode()
    assert case.reference in html and "某某科技有限公司" in html


def test_the_queue_is_ordered_by_due_date_and_marks_overdue(client, cal, county, people):
    late = register(county["edu"], D(2025, 1, 6))
    soon = register(county["edu"], D(2025, 6, 3))
    client.force_login(people["handler"])
    html = client.get("/office/applications/").content.decode()
    assert html.index(late.reference) < html.index(soon.reference)
    assert "已超期" in html
    overdue = client.get("/office/applications/?due=overdue").content.decode()
    assert late.reference in overdue


def test_strangers_and_anonymous_users_get_nothing(client, case, people):
    assert client.get("/office/applications/").status_code == 302  # to the login page
    client.force_login(people["stranger"])
    assert client.get("/office/applications/").status_code == 404
    assert client.get(f"/office/applications/{case.pk}/").status_code == 404


def test_the_case_page_explains_the_due_date_and_shows_the_timeline(client, case, people):
    client.force_login(people["handler"])
    html = client.get(f"/office/applications/{case.pk}/").content.decode()
    assert "期限如何计算" in html and "第三十三条" in html and "第三十一条" in html
    assert "登记收件" in html and "告知补正" in html


def test_a_clerk_takes_a_case_to_decision_through_the_page(client, case, people):
    client.force_login(people["office"])
    r = client.post(
        f"/office/applications/{case.pk}/act/decide/",
        {"decide-action": "decide", "decide-version": case.version, "decide-on": "2025-06-20",
         "decide-outcome": "disclosed", "decide-summary": "见附件"},
    )  # fmt: skip
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DECIDED and case.outcome == "disclosed"


def test_the_second_clerk_gets_a_conflict_message_and_nothing_changes(client, case, people):
    client.force_login(people["office"])
    data = {"decide-action": "decide", "decide-version": case.version, "decide-on": "2025-06-20",
            "decide-outcome": "disclosed"}  # fmt: skip
    assert client.post(f"/office/applications/{case.pk}/act/decide/", data).status_code == 302
    stale = {**data, "decide-outcome": "not_exist"}
    r = client.post(f"/office/applications/{case.pk}/act/decide/", stale)
    assert r.status_code == 409 and "已被他人更新" in r.content.decode()
    case.refresh_from_db()
    assert case.outcome == "disclosed" and case.events.count() == 2


def test_a_refused_action_keeps_the_input_and_says_why(client, case, people):
    client.force_login(people["handler"])
    r = client.post(
        f"/office/applications/{case.pk}/act/abandon_no_correction/",
        {"abandon_no_correction-version": case.version, "abandon_no_correction-on": "2025-06-04"},
    )
    assert r.status_code == 404 or r.status_code == 400  # not offered in this state
    r = client.post(
        f"/office/applications/{case.pk}/act/request_correction/",
        {"request_correction-action": "request_correction", "request_correction-version": case.version,
         "request_correction-on": "2025-06-02", "request_correction-items": "请提供文号"},
    )  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 400 and "早于上一办理步骤" in html and "请提供文号" in html


def test_staff_register_an_ordinary_letter_on_its_confirmation_date(client, cal, county, people):
    client.force_login(people["handler"])
    assert client.get("/office/applications/new/").status_code == 200
    r = client.post(
        "/office/applications/new/",
        {"organ": county["edu"].pk, "channel": "ordinary_post", "arrived_on": "2025-06-03",
         "confirmed_on": "2025-06-05", "applicant_type": "natural_person", "name": "王五",
         "id_type": "resident_id", "id_number": VALID_ID, "phone": "13900005678",
         "address": "某县人民路1号", "description": "某路段改造工程批复", "info_form": "paper",
         "delivery": "post", "token": "staff-1"},
    )  # fmt: skip
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.received_on == D(2025, 6, 5) and app.arrived_on == D(2025, 6, 3)
    assert app.handler == people["handler"] and app.channel == "ordinary_post"


def test_staff_registration_of_an_ordinary_letter_needs_the_confirmation(
    client, cal, county, people
):
    client.force_login(people["handler"])
    r = client.post(
        "/office/applications/new/",
        {"organ": county["edu"].pk, "channel": "ordinary_post", "arrived_on": "2025-06-03",
         "applicant_type": "natural_person", "name": "王五", "id_type": "passport",
         "id_number": "E12345678", "phone": "13900005678", "email": "w@example.cn",
         "description": "某路段改造工程批复", "info_form": "paper", "delivery": "email",
         "token": "staff-2"},
    )  # fmt: skip
    assert r.status_code == 400 and "确认之日" in r.content.decode()


def test_the_export_masks_personal_data_for_those_who_may_not_see_it(
    client, case, people, monkeypatch
):
    client.force_login(people["handler"])
    rows = list(
        csv.reader(
            io.StringIO(client.get("/office/applications/export.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][0] == "申请编号" and rows[1][5] == VALID_ID and rows[1][6] == "13800001234"
    monkeypatch.setattr(export_module.perms, "can_see_personal_data_of", lambda user, app: False)
    rows = list(
        csv.reader(
            io.StringIO(client.get("/office/applications/export.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[1][5] == "110***********002X" and rows[1][6] == "138****1234"
    wb = load_workbook(io.BytesIO(client.get("/office/applications/export.xlsx").content))
    ws = wb["政府信息公开申请"]
    assert ws["A1"].value == "申请编号" and ws["F2"].value == "110***********002X"


def test_every_letter_renders_as_docx_and_pdf_citing_its_basis(cal, county):
    app = register(county["edu"], D(2025, 6, 3), org("research"))
    app = step(app, "request_correction", D(2025, 6, 4), items="请提供文件名称及文号")
    app = step(app, "receive_correction", D(2025, 6, 10))
    app = step(app, "open_consultation", D(2025, 6, 11), kind="third_party", party="某某公司")
    app = step(app, "answer_consultation", D(2025, 6, 16), opinion="agree")
    app = step(app, "request_extension", D(2025, 6, 17), reason="需调取档案")
    app = step(app, "approve_extension", D(2025, 6, 18), days=15)
    app = step(app, "issue_fee_notice", D(2025, 6, 19), method="per_page", units=120)
    app = step(app, "record_payment", D(2025, 6, 25))
    app = step(app, "decide", D(2025, 7, 1), outcome="partial", summary="第三部分涉及商业秘密")
    kinds = [k for k, _ in available_letters(app)]
    assert kinds == [
        "receipt",
        "correction",
        "consultation_third_party",
        "extension",
        "fee_notice",
        "decision_partial",
    ]
    texts = {}
    for kind in kinds:
        letter = render_letter(app, kind)
        texts[kind] = "\n".join(letter.paragraphs)
        assert to_pdf(letter).startswith(b"%PDF")
        xml = zipfile.ZipFile(io.BytesIO(to_docx(letter))).read("word/document.xml").decode()
        assert letter.title in xml
    assert "第三十条" in texts["correction"] and "请提供文件名称及文号" in texts["correction"]
    assert (
        "第三十二条" in texts["consultation_third_party"]
        and "15 个工作日" in texts["consultation_third_party"]
    )
    assert "延长15个工作日" in texts["extension"] and "第三十三条第二款" in texts["extension"]
    assert "1100元" in texts["fee_notice"] and "国办函〔2020〕109号" in texts["fee_notice"]
    assert "第三十七条" in texts["decision_partial"] and "行政复议" in texts["decision_partial"]


def test_every_outcome_has_a_decision_notice():
    from gongkai.applications.models import Outcome

    for outcome in Outcome.values:
        assert f"decision_{outcome}" in DEFAULTS


def test_an_office_edits_its_own_letter_wording(cal, county):
    app = register(county["edu"], D(2025, 6, 3))
    LetterTemplate.objects.create(
        organ=county["edu"],
        kind="receipt",
        title="收件回执",
        body="{{ applicant }}：\n\n我局已收到。编号 {{ reference }}。",
    )
    letter = render_letter(app, "receipt")
    assert (
        letter.title == "收件回执"
        and letter.paragraphs[-1] == f"我局已收到。编号 {app.reference}。"
    )
    other = register(county["civ"], D(2025, 6, 3))
    assert render_letter(other, "receipt").title == "政府信息公开申请回执"


def test_the_office_page_links_to_the_queue(client, people):
    client.force_login(people["handler"])
    assert "/office/applications/" in client.get("/office/").content.decode()
    client.force_login(people["stranger"])
    assert "/office/applications/" not in client.get("/office/").content.decode()


def test_the_office_edits_and_resets_its_letter_wording_through_the_page(
    client, cal, county, people
):
    app = register(county["edu"], D(2025, 6, 3))
    url = f"/office/applications/letters/{county['edu'].pk}/receipt/"
    client.force_login(people["handler"])  # a handler may not change the office's wording
    assert client.get(url).status_code == 404
    client.force_login(people["office"])
    assert "政府信息公开申请回执" in client.get("/office/applications/letters/").content.decode()
    bad = client.post(url, {"title": "回执", "body": "{% if x %}未闭合"})
    assert bad.status_code == 400 and "语法错误" in bad.content.decode()
    assert (
        client.post(url, {"title": "收件回执", "body": "{{ applicant }}：\n\n已收到。"}).status_code
        == 302
    )
    assert render_letter(app, "receipt").title == "收件回执"
    assert client.post(url, {"reset": "1", "title": "x", "body": "x"}).status_code == 302
    assert render_letter(app, "receipt").title == "政府信息公开申请回执"
