"""Every write of the catalogue: items and their confidentiality review, attachments, normative
documents, Art. 20 statistics and portal pages. Keyword-only, typed, atomic; each takes the
acting user (None = a system process such as the demo loader or a command, which is not
permission-checked) and appends a CatalogueEvent in the same transaction.

Item lifecycle (one transition table, `TRANSITIONS`):

    draft ──submit──▶ in_review ──review(pass)──▶ approved ──publish──▶ published
      ▲                   │review(fail)                                   │withdraw
      └────edit─────── rejected                                          ▼
                                                                      withdrawn

Nothing is published without a passed 保密审查 (Art. 17).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.core.figures import record_ref
from gongkai.orgs.models import Organ
from gongkai.publications import permissions as perms
from gongkai.publications import search
from gongkai.publications.content import check_attachment, html_to_text, sanitise_html
from gongkai.publications.models import (
    Attachment,
    CatalogueEvent,
    Category,
    Channel,
    ConfidentialityReview,
    DecisionKind,
    DecisionStatistic,
    DisclosureMode,
    IndexSerial,
    NormativeDocument,
    NormativeKind,
    PageKind,
    PortalPage,
    Publication,
    ReviewResult,
    Status,
    Topic,
    Validity,
)

Actor = User | None

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, "submit"): Status.IN_REVIEW,
    (Status.REJECTED, "submit"): Status.IN_REVIEW,
    (Status.IN_REVIEW, "pass"): Status.APPROVED,
    (Status.IN_REVIEW, "fail"): Status.REJECTED,
    (Status.APPROVED, "publish"): Status.PUBLISHED,
    (Status.PUBLISHED, "withdraw"): Status.WITHDRAWN,
}
EDITABLE = {Status.DRAFT, Status.REJECTED}


def _deny(what_zh: str, what_en: str) -> PermissionDeniedError:
    return PermissionDeniedError(f"您无权{what_zh}。", f"You may not {what_en}.")


def _log(subject: str, action: str, actor: Actor, **details: Any) -> None:
    CatalogueEvent.objects.create(
        subject=subject, action=action, actor=actor if actor is not None else None, details=details
    )


def _ref(pub: Publication) -> str:
    return record_ref("publications.publication", pub.pk)


def _transition(pub: Publication, action: str) -> str:
    try:
        return TRANSITIONS[(Status(pub.status), action)]
    except KeyError:
        raise DomainError(
            f"“{pub.get_status_display()}”状态的信息不能执行此操作。",
            f"Action {action!r} is not allowed in state {pub.status!r}.",
        ) from None


# --- 索引号 -----------------------------------------------------------------------------


def organ_index_prefix(organ: Organ) -> str:
    """The organ's 索引号 prefix: its configured index code, else its credit code, else a
    stable fallback from its id (so an item can always be registered)."""
    return organ.index_code or organ.credit_code or f"ORG{organ.pk:06d}"


def _reserve_serials(organ: Organ, year: int, count: int) -> int:
    """Reserve `count` serials for (organ, year); returns the first. Row-locked so two
    registrations never get the same 索引号."""
    IndexSerial.objects.get_or_create(organ=organ, year=year)
    serial = IndexSerial.objects.select_for_update().get(organ=organ, year=year)
    first = serial.last + 1
    serial.last += count
    serial.save(update_fields=["last"])
    return first


def format_index_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}/{year}-{serial:05d}"


# --- items ------------------------------------------------------------------------------


@dataclass
class PublicationInput:
    """One item to register. Codes refer to Category.code and Topic.code."""

    title: str
    formed_on: date
    category_code: str
    body_html: str = ""
    document_number: str = ""
    keywords: str = ""
    written_on: date | None = None
    published_on: date | None = None
    topic_code: str | None = None
    primary_channel: str = Channel.WEBSITE
    channels: list[str] = field(default_factory=list)
    validity: str = Validity.VALID
    disclosure_mode: str = DisclosureMode.PROACTIVE


def _clean_input(
    item: PublicationInput, categories: dict[str, Category], topics: dict[str, Topic]
) -> dict[str, Any]:
    title = " ".join((item.title or "").split())
    if not title:
        raise DomainError("请填写标题。", "Title is required.", field="title")
    if len(title) > 300:
        raise DomainError("标题不能超过 300 字。", "Title is too long.", field="title")
    category = categories.get(item.category_code)
    if category is None:
        raise DomainError(
            f"未知的信息类别“{item.category_code}”。", "Unknown category.", field="category"
        )
    topic = None
    if item.topic_code:
        topic = topics.get(item.topic_code)
        if topic is None:
            raise DomainError(
                f"未知的主题分类“{item.topic_code}”。", "Unknown topic.", field="topic"
            )
    valid_channels = set(Channel.values)
    if item.primary_channel not in valid_channels:
        raise DomainError("未知的发布渠道。", "Unknown channel.", field="primary_channel")
    channels = list(dict.fromkeys([item.primary_channel, *item.channels]))
    if any(c not in valid_channels for c in channels):
        raise DomainError("未知的发布渠道。", "Unknown channel.", field="channels")
    if item.validity not in Validity.values:
        raise DomainError("未知的有效性。", "Unknown validity.", field="validity")
    if item.disclosure_mode not in DisclosureMode.values:
        raise DomainError("未知的公开方式。", "Unknown disclosure mode.", field="disclosure_mode")
    if item.published_on and item.published_on < item.formed_on:
        raise DomainError(
            "发布日期不能早于信息形成日期。",
            "Publication date is before the date the information was formed.",
            field="published_on",
        )
    body = sanitise_html(item.body_html)
    return {
        "title": title,
        "body_html": body,
        "body_text": html_to_text(body),
        "document_number": item.document_number.strip(),
        "keywords": item.keywords.strip(),
        "written_on": item.written_on,
        "formed_on": item.formed_on,
        "published_on": item.published_on,
        "topic": topic,
        "category": category,
        "primary_channel": item.primary_channel,
        "channels": channels,
        "validity": item.validity,
        "disclosure_mode": item.disclosure_mode,
    }


def _lookups() -> tuple[dict[str, Category], dict[str, Topic]]:
    return (
        {c.code: c for c in Category.objects.all()},
        {t.code: t for t in Topic.objects.all()},
    )


def _index_doc(pub: Publication) -> search.IndexDoc:
    meta = " ".join(
        x for x in (pub.document_number, pub.index_number, pub.keywords, pub.body_text) if x
    )
    return search.IndexDoc(pk=pub.pk, title=pub.title, body=meta)


@transaction.atomic
def publication_create(*, actor: Actor, organ: Organ, data: PublicationInput) -> Publication:
    """Register a draft item; its 索引号 is assigned now and never changes."""
    if actor is not None and not perms.can_edit_catalogue_of(actor, organ):
        raise _deny("登记该机关的主动公开信息", "register items for this organ")
    fields = _clean_input(data, *_lookups())
    fields["published_on"] = None  # set by publication_publish
    year = (data.published_on or timezone.localdate()).year
    serial = _reserve_serials(organ, year, 1)
    pub = Publication.objects.create(
        organ=organ,
        index_number=format_index_number(organ_index_prefix(organ), year, serial),
        created_by=actor,
        status=Status.DRAFT,
        **fields,
    )
    _log(_ref(pub), "create", actor, index_number=pub.index_number)
    return pub


_EDIT_FIELDS = (
    "title", "body_html", "body_text", "document_number", "keywords", "written_on", "formed_on",
    "topic", "category", "primary_channel", "channels", "validity", "disclosure_mode",
)  # fmt: skip


@transaction.atomic
def publication_update(
    *, actor: Actor, publication: Publication, data: PublicationInput
) -> Publication:
    """Edit a draft or rejected item (a published item is changed by withdrawing it and
    registering the new version; only its validity may change in place)."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if actor is not None and not perms.can_edit_catalogue_of(actor, pub.organ_id):
        raise _deny("修改该信息", "edit this item")
    if pub.status not in EDITABLE:
        raise DomainError(
            "只有草稿或审查未通过的信息可以修改。", "Only drafts and rejected items can be edited."
        )
    fields = _clean_input(data, *_lookups())
    changed = [f for f in _EDIT_FIELDS if getattr(pub, f) != fields[f]]
    for name in _EDIT_FIELDS:
        setattr(pub, name, fields[name])
    pub.save()
    _log(_ref(pub), "update", actor, fields=changed)
    return pub


@transaction.atomic
def publication_submit(*, actor: Actor, publication: Publication) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if actor is not None and not perms.can_edit_catalogue_of(actor, pub.organ_id):
        raise _deny("提交该信息", "submit this item")
    old, pub.status = pub.status, _transition(pub, "submit")
    pub.save(update_fields=["status", "updated_at"])
    _log(_ref(pub), "submit", actor, old=old, new=pub.status)
    return pub


@transaction.atomic
def publication_review(
    *,
    actor: User,
    publication: Publication,
    result: str,
    reviewed_on: date,
    opinion: str = "",
) -> ConfidentialityReview:
    """Record the 保密审查 (Art. 17): reviewer, date, result. A failed review needs an opinion."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if not perms.can_review_catalogue_of(actor, pub.organ_id):
        raise _deny("对该信息进行保密审查", "review this item")
    if result not in ReviewResult.values:
        raise DomainError("请选择审查结论。", "Choose a review result.", field="result")
    if result == ReviewResult.FAIL and not opinion.strip():
        raise DomainError(
            "不予公开时请填写审查意见。", "Give the reason when refusing.", field="opinion"
        )
    if reviewed_on > timezone.localdate():
        raise DomainError(
            "审查日期不能晚于今天。", "Review date is in the future.", field="reviewed_on"
        )
    old, pub.status = pub.status, _transition(pub, result)
    pub.save(update_fields=["status", "updated_at"])
    review = ConfidentialityReview.objects.create(
        publication=pub,
        reviewer=actor,
        reviewed_on=reviewed_on,
        result=result,
        opinion=opinion.strip(),
    )
    _log(_ref(pub), "review", actor, old=old, new=pub.status, result=result, review=review.pk)
    return review


@transaction.atomic
def publication_publish(
    *, actor: Actor, publication: Publication, published_on: date
) -> Publication:
    """Publish an approved item and index it for search."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if actor is not None and not perms.can_edit_catalogue_of(actor, pub.organ_id):
        raise _deny("发布该信息", "publish this item")
    latest = pub.reviews.order_by("-created_at", "-id").first()
    if latest is None or latest.result != ReviewResult.PASS:
        raise DomainError(
            "未经保密审查同意的信息不能发布。", "An item needs a passed confidentiality review."
        )
    if published_on < pub.formed_on:
        raise DomainError(
            "发布日期不能早于信息形成日期。", "Publication date is before formation.",
            field="published_on",
        )  # fmt: skip
    old, pub.status = pub.status, _transition(pub, "publish")
    pub.published_on = published_on
    pub.save(update_fields=["status", "published_on", "updated_at"])
    search.index_documents([_index_doc(pub)])
    _log(_ref(pub), "publish", actor, old=old, new=pub.status, published_on=str(published_on))
    return pub


@transaction.atomic
def publication_withdraw(
    *, actor: Actor, publication: Publication, reason: str, withdrawn_on: date | None = None
) -> Publication:
    """Take an item off the portal (it stays counted for the year it was published in)."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if actor is not None and not perms.can_review_catalogue_of(actor, pub.organ_id):
        raise _deny("撤回该信息", "withdraw this item")
    if not reason.strip():
        raise DomainError("请填写撤回原因。", "Give the reason.", field="reason")
    old, pub.status = pub.status, _transition(pub, "withdraw")
    pub.withdrawn_on = withdrawn_on or timezone.localdate()
    pub.withdrawal_reason = reason.strip()[:300]
    pub.save(update_fields=["status", "withdrawn_on", "withdrawal_reason", "updated_at"])
    search.remove_documents([pub.pk])
    _log(_ref(pub), "withdraw", actor, old=old, new=pub.status, reason=pub.withdrawal_reason)
    return pub


@transaction.atomic
def publication_set_validity(
    *, actor: Actor, publication: Publication, validity: str
) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if actor is not None and not perms.can_edit_catalogue_of(actor, pub.organ_id):
        raise _deny("修改该信息的有效性", "change this item's validity")
    if validity not in Validity.values:
        raise DomainError("未知的有效性。", "Unknown validity.", field="validity")
    old, pub.validity = pub.validity, validity
    pub.save(update_fields=["validity", "updated_at"])
    _log(_ref(pub), "validity", actor, old=old, new=validity)
    return pub


@transaction.atomic
def publication_attach(
    *, actor: Actor, publication: Publication, name: str, data: bytes
) -> Attachment:
    """Attach a file, recognised by its content (PDF, OFD, DOCX, XLSX, DOC/XLS/WPS, PNG, JPEG)."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if actor is not None and not perms.can_edit_catalogue_of(actor, pub.organ_id):
        raise _deny("为该信息上传附件", "attach files to this item")
    if pub.status not in EDITABLE:
        raise DomainError("只能为草稿添加附件。", "Attach files to drafts only.", field="file")
    safe_name = name.replace("/", "_").replace("\\", "_").strip()[:200] or "附件"
    kind = check_attachment(safe_name, data)
    digest = hashlib.sha256(data).hexdigest()
    att = Attachment(
        publication=pub, original_name=safe_name, kind=kind.code, size=len(data), sha256=digest
    )
    att.file.save(
        f"{digest[:16]}.{safe_name.rsplit('.', 1)[-1].lower()}", ContentFile(data), save=False
    )
    att.save()
    _log(_ref(pub), "attach", actor, attachment=att.pk, name=safe_name, kind=kind.code)
    return att


@transaction.atomic
def publication_bulk_create(
    *,
    actor: Actor,
    organ: Organ,
    items: Sequence[PublicationInput],
    reviewer: User,
    reviewed_on: date | None = None,
    batch_size: int = 1000,
) -> list[int]:
    """Register and publish many items at once (migration from an old catalogue, the demo).

    Each item still gets its own 索引号 (a block of serials is reserved per year), a recorded
    保密审查 by `reviewer` (dated `reviewed_on`, else the item's publication date), a
    CatalogueEvent, and a search-index entry. Every item must have `published_on`. All or
    nothing. Returns the new ids.
    """
    if actor is not None and not perms.can_edit_catalogue_of(actor, organ):
        raise _deny("登记该机关的主动公开信息", "register items for this organ")
    categories, topics = _lookups()
    cleaned: list[dict[str, Any]] = []
    for n, item in enumerate(items, start=1):
        if item.published_on is None:
            raise DomainError(f"第 {n} 条缺少发布日期。", f"Item {n} has no publication date.")
        try:
            cleaned.append(_clean_input(item, categories, topics))
        except DomainError as exc:
            raise DomainError(
                f"第 {n} 条：{exc.message}", f"Item {n}: {exc.message_en}", field=exc.field
            ) from None
    prefix = organ_index_prefix(organ)
    by_year: dict[int, list[int]] = {}
    for i, f in enumerate(cleaned):
        by_year.setdefault(f["published_on"].year, []).append(i)
    numbers: dict[int, str] = {}
    for year, positions in sorted(by_year.items()):
        first = _reserve_serials(organ, year, len(positions))
        for offset, i in enumerate(positions):
            numbers[i] = format_index_number(prefix, year, first + offset)
    pubs = [
        Publication(
            organ=organ, index_number=numbers[i], created_by=actor, status=Status.PUBLISHED, **f
        )
        for i, f in enumerate(cleaned)
    ]
    created: list[Publication] = []
    for start in range(0, len(pubs), batch_size):
        created.extend(Publication.objects.bulk_create(pubs[start : start + batch_size]))
    ConfidentialityReview.objects.bulk_create(
        [
            ConfidentialityReview(
                publication=p,
                reviewer=reviewer,
                reviewed_on=reviewed_on or p.published_on or timezone.localdate(),
                result=ReviewResult.PASS,
                opinion="批量登记时确认已经保密审查",
            )
            for p in created
        ],
        batch_size=batch_size,
    )
    CatalogueEvent.objects.bulk_create(
        [
            CatalogueEvent(
                subject=_ref(p),
                action="bulk_publish",
                actor=actor,
                details={"index_number": p.index_number, "published_on": str(p.published_on)},
            )
            for p in created
        ],
        batch_size=batch_size,
    )
    for start in range(0, len(created), batch_size):
        search.index_documents(_index_doc(p) for p in created[start : start + batch_size])
    return [p.pk for p in created]


def reindex_all(*, batch_size: int = 2000) -> int:
    """Rebuild the search index from the published items (safe to re-run)."""
    with transaction.atomic():
        search.clear_index()
        done = 0
        qs = Publication.objects.filter(status=Status.PUBLISHED).order_by("pk")
        last = 0
        while True:
            batch = list(qs.filter(pk__gt=last)[:batch_size])
            if not batch:
                return done
            done += search.index_documents(_index_doc(p) for p in batch)
            last = batch[-1].pk


# --- classification ---------------------------------------------------------------------


@transaction.atomic
def category_save(*, actor: Actor, code: str, name: str, sort_order: int = 0) -> Category:
    cat, _ = Category.objects.update_or_create(
        code=code, defaults={"name": name, "sort_order": sort_order}
    )
    _log(f"publications.category:{cat.pk}", "save", actor, code=code, name=name)
    return cat


@transaction.atomic
def topic_save(
    *, actor: Actor, code: str, name: str, parent_code: str | None = None, sort_order: int = 0
) -> Topic:
    parent = Topic.objects.get(code=parent_code) if parent_code else None
    topic, _ = Topic.objects.update_or_create(
        code=code, defaults={"name": name, "parent": parent, "sort_order": sort_order}
    )
    _log(f"publications.topic:{topic.pk}", "save", actor, code=code, name=name)
    return topic


# --- normative documents ----------------------------------------------------------------


@transaction.atomic
def normative_document_register(
    *,
    actor: Actor,
    organ: Organ,
    kind: str,
    title: str,
    issued_on: date,
    document_number: str = "",
    repealed_on: date | None = None,
    expires_on: date | None = None,
    publication: Publication | None = None,
) -> NormativeDocument:
    """Register a 规章 or 行政规范性文件 (Art. 20(1)); table 二 counts come from these dates."""
    if actor is not None and not perms.can_enter_statistics_of(actor, organ):
        raise _deny("登记该机关的规范性文件", "register documents for this organ")
    if kind not in NormativeKind.values:
        raise DomainError(
            "请选择文件类别（规章或行政规范性文件）。", "Choose the kind.", field="kind"
        )
    title = " ".join(title.split())
    if not title:
        raise DomainError("请填写文件名称。", "Title is required.", field="title")
    if repealed_on is not None and repealed_on < issued_on:
        raise DomainError(
            "废止日期不能早于制发日期。", "Repealed before issued.", field="repealed_on"
        )
    if expires_on is not None and expires_on < issued_on:
        raise DomainError("有效期不能早于制发日期。", "Expires before issued.", field="expires_on")
    doc = NormativeDocument.objects.create(
        organ=organ, kind=kind, title=title, document_number=document_number.strip(),
        issued_on=issued_on, repealed_on=repealed_on, expires_on=expires_on,
        publication=publication, created_by=actor,
    )  # fmt: skip
    _log(
        f"publications.normativedocument:{doc.pk}",
        "register",
        actor,
        kind=kind,
        issued_on=str(issued_on),
    )
    return doc


@transaction.atomic
def normative_document_repeal(
    *, actor: Actor, document: NormativeDocument, repealed_on: date
) -> NormativeDocument:
    doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None and not perms.can_enter_statistics_of(actor, doc.organ_id):
        raise _deny("废止该文件", "repeal this document")
    if doc.repealed_on is not None:
        raise DomainError("该文件已经废止。", "Already repealed.", field="repealed_on")
    if repealed_on < doc.issued_on:
        raise DomainError(
            "废止日期不能早于制发日期。", "Repealed before issued.", field="repealed_on"
        )
    doc.repealed_on = repealed_on
    doc.save(update_fields=["repealed_on"])
    if doc.publication_id is not None:
        Publication.objects.filter(pk=doc.publication_id).update(validity=Validity.REPEALED)
    _log(f"publications.normativedocument:{doc.pk}", "repeal", actor, repealed_on=str(repealed_on))
    return doc


# --- Art. 20 (5)(6)(8) statistics -------------------------------------------------------


def _check_stat_value(kind: str, value: Decimal) -> Decimal:
    if kind not in DecisionKind.values:
        raise DomainError("未知的统计项目。", "Unknown statistic.", field="kind")
    if value < 0:
        raise DomainError("数值不能为负数。", "The value cannot be negative.", field="value")
    if kind != DecisionKind.FEES and value != value.to_integral_value():
        raise DomainError(
            "处理决定数量应为整数。", "Decision counts are whole numbers.", field="value"
        )
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        raise DomainError(
            "收费金额最多保留六位小数（万元）。", "At most six decimals.", field="value"
        )
    if value >= Decimal("1e12"):
        raise DomainError("数值过大。", "The value is too large.", field="value")
    return value


@transaction.atomic
def decision_statistics_record(
    *, actor: Actor, organ: Organ, year: int, kind: str, value: Decimal, source: str
) -> DecisionStatistic:
    """Enter or correct one Art. 20 (5)/(6)/(8) figure with its source. A correction keeps the
    old value in the event log."""
    if actor is not None and not perms.can_enter_statistics_of(actor, organ):
        raise _deny("填报该机关的统计数据", "enter statistics for this organ")
    value = _check_stat_value(kind, Decimal(value))
    if not source.strip():
        raise DomainError("请填写数据来源。", "Give the source of the figure.", field="source")
    if not 2000 <= year <= timezone.localdate().year:
        raise DomainError("年度不正确。", "Invalid year.", field="year")
    stat = (
        DecisionStatistic.objects.select_for_update()
        .filter(organ=organ, year=year, kind=kind)
        .first()
    )
    old = None if stat is None else str(stat.value)
    if stat is None:
        stat = DecisionStatistic(organ=organ, year=year, kind=kind)
    stat.value, stat.source, stat.entered_by = value, source.strip()[:300], actor
    stat.save()
    _log(
        f"publications.decisionstatistic:{stat.pk}",
        "record",
        actor,
        old=old,
        new=str(value),
        source=stat.source,
    )
    return stat


@transaction.atomic
def decision_statistics_import(
    *, actor: Actor, filename: str, data: bytes
) -> list[DecisionStatistic]:
    """Import a CSV or XLSX file of figures. Every row is checked first; any bad row refuses the
    whole file with the line and field named (ImportRejected)."""
    from gongkai.publications.statistics_import import parse_statistics_file

    rows = parse_statistics_file(filename, data, actor=actor)
    return [
        decision_statistics_record(
            actor=actor,
            organ=r.organ,
            year=r.year,
            kind=r.kind,
            value=r.value,
            source=f"{r.source}（导入：{filename} 第 {r.line} 行）",
        )
        for r in rows
    ]


# --- portal pages ------------------------------------------------------------------------


@transaction.atomic
def portal_page_save(
    *, actor: Actor, organ: Organ, kind: str, title: str, body_html: str
) -> PortalPage:
    """Write the organ's 指南 or 制度 page (sanitised rich text)."""
    if actor is not None and not perms.can_edit_portal_pages_of(actor, organ):
        raise _deny("编辑该机关的公开专栏页面", "edit this organ's portal pages")
    if kind not in PageKind.values:
        raise DomainError("未知的栏目。", "Unknown page.", field="kind")
    title = " ".join(title.split())
    if not title:
        raise DomainError("请填写标题。", "Title is required.", field="title")
    body = sanitise_html(body_html)
    if not html_to_text(body):
        raise DomainError("请填写内容。", "Content is required.", field="body_html")
    page, created = PortalPage.objects.update_or_create(
        organ=organ, kind=kind, defaults={"title": title, "body_html": body, "updated_by": actor}
    )
    _log(f"publications.portalpage:{page.pk}", "create" if created else "update", actor, kind=kind)
    return page
