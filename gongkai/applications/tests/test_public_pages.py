"""The public form, the receipt and the status lookup — through HTTP, without JavaScript."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.applications.models import Application
from gongkai.applications.tests.helpers import VALID_ID

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_data(organ, **kw):
    data = {
        "organ": str(organ.pk),
        "applicant_type": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800001234",
        "email": "zhang@example.cn",
        "description": "2025年县城区学校学区划分方案",
        "info_form": "electronic",
        "delivery": "email",
        "promise": "on",
        "token": "tok-1",
        "website": "",
    }
    data.update(kw)
    return data


def test_the_form_is_a_plain_html_form_that_needs_no_javascript(client, cal, county):
    r = client.get("/apply/")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'method="post"' in html and 'enctype="multipart/form-data"' in html
    assert "<script" not in html
    for label in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他组织"):
        assert label in html
    assert county["edu"].name in html


def test_a_submission_gives_a_receipt_with_the_dates_and_a_query_code(client, cal, county):
    r = client.post("/apply/", form_data(county["edu"]))
    assert r.status_code == 302
    app = Application.objects.get()
    assert r["Location"] == f"/apply/receipt/{app.query_code}/"
    page = client.get(r["Location"]).content.decode()
    assert app.query_code in page
    assert f"{app.received_on.year}年{app.received_on.month}月{app.received_on.day}日" in page
    assert app.due_on is not None and f"{app.due_on.month}月{app.due_on.day}日" in page
    assert VALID_ID not in page and "138****1234" in page  # masked on the receipt
    assert app.channel == "online" and app.submitter_ip == "127.0.0.1"


def test_a_double_submit_creates_one_application(client, cal, county):
    first = client.post("/apply/", form_data(county["edu"]))
    second = client.post("/apply/", form_data(county["edu"]))
    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_wrong_id_number_is_refused_naming_the_field(client, cal, county):
    r = client.post("/apply/", form_data(county["edu"], id_number="110105194912310021"))
    assert r.status_code == 400
    assert "居民身份证号码校验位不正确" in r.content.decode()
    assert Application.objects.count() == 0


def test_an_organisation_needs_a_valid_credit_code_and_a_contact(client, cal, county):
    r = client.post(
        "/apply/",
        form_data(county["edu"], applicant_type="research", credit_code="91350100M000100Y44"),
    )
    html = r.content.decode()
    assert r.status_code == 400 and "校验位" in html and "请填写联系人" in html


def test_the_honeypot_stops_robots(client, cal, county):
    r = client.post("/apply/", form_data(county["edu"], website="http://spam.example"))
    assert r.status_code == 400 and Application.objects.count() == 0


def test_a_disguised_upload_is_refused_by_content(client, cal, county):
    fake = SimpleUploadedFile(
        "身份证.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    r = client.post("/apply/", {**form_data(county["edu"]), "attachments": [fake]})
    assert r.status_code == 400 and "按文件内容识别" in r.content.decode()
    assert Application.objects.count() == 0


def test_a_real_image_is_kept_with_its_sniffed_type(client, cal, county):
    img = SimpleUploadedFile("scan.pdf", PNG, content_type="application/pdf")
    r = client.post("/apply/", {**form_data(county["edu"]), "attachments": [img]})
    assert r.status_code == 302
    att = Application.objects.get().attachments.get()
    assert att.content_type == "image/png" and att.size == len(PNG)


@override_settings(GONGKAI_UPLOAD_MAX_BYTES=32)
def test_an_oversized_upload_is_refused(client, cal, county):
    img = SimpleUploadedFile("scan.png", PNG, content_type="image/png")
    r = client.post("/apply/", {**form_data(county["edu"]), "attachments": [img]})
    assert r.status_code == 400 and "大小限制" in r.content.decode()


@override_settings(GONGKAI_APPLY_RATE_PER_HOUR=2)
def test_submissions_are_rate_limited_per_address(client, cal, county):
    for i in range(2):
        assert client.post("/apply/", form_data(county["edu"], token=f"t{i}")).status_code == 302
    r = client.post("/apply/", form_data(county["edu"], token="t3"))
    assert r.status_code == 429 and "过于频繁" in r.content.decode()
    assert Application.objects.count() == 2


def test_the_status_lookup_needs_the_code_and_the_phone_suffix(client, cal, county):
    client.post("/apply/", form_data(county["edu"]))
    app = Application.objects.get()
    bad = client.post("/apply/status/", {"query_code": app.query_code, "phone_last4": "9999"})
    assert bad.status_code == 404 and "不匹配" in bad.content.decode()
    ok = client.post(
        "/apply/status/", {"query_code": app.query_code.lower(), "phone_last4": "1234"}
    )
    html = ok.content.decode()
    assert ok.status_code == 200 and "已收到申请" in html and app.reference in html


def test_the_receipt_downloads_as_pdf_and_docx(client, cal, county):
    client.post("/apply/", form_data(county["edu"]))
    app = Application.objects.get()
    pdf = client.get(f"/apply/receipt/{app.query_code}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/apply/receipt/{app.query_code}/letter.docx")
    text = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "政府信息公开申请回执" in text and "第三十一条" in text and app.query_code in text
    assert client.get("/apply/receipt/NOSUCHCODE/").status_code == 404
