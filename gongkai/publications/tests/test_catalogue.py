"""Registering, reviewing, publishing and withdrawing items; 索引号; sanitised bodies;
attachments checked by content."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.publications.content import html_to_text, sanitise_html
from gongkai.publications.models import CatalogueEvent, Publication, Status
from gongkai.publications.selectors import public_item
from gongkai.publications.services import (
    PublicationInput,
    publication_attach,
    publication_create,
    publication_publish,
    publication_review,
    publication_submit,
    publication_update,
    publication_withdraw,
)

pytestmark = pytest.mark.django_db


def _draft(organ, editor, **kw):
    data = PublicationInput(
        title=kw.pop("title", "关于做好2021年教育工作的通知"), formed_on=date(2021, 3, 1),
        category_code="documents", body_html=kw.pop("body", "<p>正文</p>"), **kw,
    )  # fmt: skip
    return publication_create(actor=editor, organ=organ, data=data)


def test_it_assigns_an_index_number_from_the_organ_code_year_and_serial(
    organ, department, editor, office_admin
):
    first = _draft(organ, editor)
    second = _draft(organ, editor)
    year = first.created_at.astimezone().year
    assert first.index_number == f"11411728MB1234567X/{year}-00001"
    assert second.index_number == f"11411728MB1234567X/{year}-00002"
    # Without an index code the credit code is the prefix.
    dept_item = _draft(department, office_admin)
    assert dept_item.index_number == f"11411728005500001A/{year}-00001"


def test_it_never_changes_the_index_number(organ, editor):
    pub = _draft(organ, editor)
    number = pub.index_number
    publication_update(
        actor=editor, publication=pub,
        data=PublicationInput(title="改过的标题", formed_on=date(2021, 3, 2), category_code="news"),
    )  # fmt: skip
    pub.refresh_from_db()
    assert pub.title == "改过的标题"
    assert pub.index_number == number


def test_nothing_is_published_without_a_passed_confidentiality_review(organ, editor, reviewer):
    pub = _draft(organ, editor)
    with pytest.raises(DomainError):
        publication_publish(actor=editor, publication=pub, published_on=date(2021, 3, 5))
    publication_submit(actor=editor, publication=pub)
    with pytest.raises(DomainError, match="保密审查"):
        publication_publish(actor=editor, publication=pub, published_on=date(2021, 3, 5))
    publication_review(
        actor=reviewer,
        publication=pub,
        result="fail",
        reviewed_on=date(2021, 3, 3),
        opinion="含个人信息",
    )
    pub.refresh_from_db()
    assert pub.status == Status.REJECTED
    with pytest.raises(DomainError):
        publication_publish(actor=editor, publication=pub, published_on=date(2021, 3, 5))
    publication_submit(actor=editor, publication=pub)
    review = publication_review(
        actor=reviewer, publication=pub, result="pass", reviewed_on=date(2021, 3, 4)
    )
    assert (review.reviewer, review.reviewed_on, review.result) == (
        reviewer,
        date(2021, 3, 4),
        "pass",
    )
    publication_publish(actor=editor, publication=pub, published_on=date(2021, 3, 5))
    pub.refresh_from_db()
    assert pub.status == Status.PUBLISHED and pub.published_on == date(2021, 3, 5)
    actions = list(
        CatalogueEvent.objects.filter(subject=f"publications.publication:{pub.pk}").values_list(
            "action", flat=True
        )
    )
    assert actions == ["create", "submit", "review", "submit", "review", "publish"]


def test_a_refusal_needs_an_opinion_and_only_reviewers_review(organ, editor, reviewer):
    pub = _draft(organ, editor)
    publication_submit(actor=editor, publication=pub)
    with pytest.raises(PermissionDeniedError):
        publication_review(
            actor=editor, publication=pub, result="pass", reviewed_on=date(2021, 3, 3)
        )
    with pytest.raises(DomainError, match="审查意见"):
        publication_review(
            actor=reviewer, publication=pub, result="fail", reviewed_on=date(2021, 3, 3)
        )


def test_strangers_cannot_register_items(organ, stranger):
    with pytest.raises(PermissionDeniedError):
        _draft(organ, stranger)


def test_a_withdrawn_item_is_no_longer_public(organ, editor, reviewer, publish_many):
    [pk] = publish_many([{"title": "要撤回的信息"}])
    assert public_item(pk).title == "要撤回的信息"
    publication_withdraw(
        actor=reviewer, publication=Publication.objects.get(pk=pk), reason="重复发布"
    )
    with pytest.raises(DomainError):
        public_item(pk)


def test_unsafe_html_is_stripped_from_bodies(organ, editor):
    body = (
        '<p onclick="steal()">你好<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">链接</a><img src=x onerror="alert(1)">'
        '<iframe src="https://evil.example"></iframe><style>body{}</style>'
        '<a href="https://www.gov.cn/" target="_blank">中国政府网</a><table><tr><td colspan="2">表</td></tr></table>'
    )
    pub = _draft(organ, editor, body=body)
    html = pub.body_html
    for bad in ("script", "onclick", "onerror", "javascript:", "iframe", "<img", "<style", "alert"):
        assert bad not in html
    assert '<a href="https://www.gov.cn/" rel="noopener noreferrer">中国政府网</a>' in html
    assert '<td colspan="2">表</td>' in html
    assert pub.body_text == "你好 链接 中国政府网 表"


@given(st.text(max_size=200))
def test_sanitised_html_never_contains_a_script_or_handler(raw):
    cleaned = sanitise_html(raw + "<script>x</script><b onmouseover=1>y</b>")
    assert "<script" not in cleaned.lower()
    assert "onmouseover" not in cleaned.lower()
    html_to_text(cleaned)  # never raises


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_attachments_are_checked_by_content_not_by_name(organ, editor):
    pub = _draft(organ, editor)
    pdf = publication_attach(
        actor=editor, publication=pub, name="通知.pdf", data=b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"
    )
    assert (pdf.kind, pdf.original_name, pdf.size) == ("pdf", "通知.pdf", 20)
    assert (
        publication_attach(actor=editor, publication=pub, name="附件.docx", data=_docx_bytes()).kind
        == "docx"
    )
    with pytest.raises(DomainError, match="无法识别"):
        publication_attach(
            actor=editor, publication=pub, name="假的.pdf", data=b"<html><script>alert(1)</script>"
        )
    with pytest.raises(DomainError, match="无法识别"):
        publication_attach(actor=editor, publication=pub, name="程序.docx", data=b"MZ\x90\x00\x03")
    with pytest.raises(DomainError, match="扩展名"):
        publication_attach(
            actor=editor, publication=pub, name="文件.docx", data=b"%PDF-1.4 real pdf"
        )
    with pytest.raises(DomainError, match="空文件"):
        publication_attach(actor=editor, publication=pub, name="空.pdf", data=b"")
    assert pub.attachments.count() == 2


def test_bulk_create_assigns_index_numbers_and_records_reviews(organ, publish_many):
    ids = publish_many(
        [{"title": f"第{i}条", "published_on": date(2021 + i % 2, 5, 1)} for i in range(6)]
    )
    pubs = Publication.objects.filter(pk__in=ids).order_by("pk")
    numbers = [p.index_number for p in pubs]
    assert len(set(numbers)) == 6
    assert numbers[0] == "11411728MB1234567X/2021-00001"
    assert numbers[1] == "11411728MB1234567X/2022-00001"
    assert all(p.status == Status.PUBLISHED and p.reviews.get().result == "pass" for p in pubs)
