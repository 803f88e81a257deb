"""Proactive disclosure (主动公开, Arts. 19–26): the catalogue of published items, their
confidentiality review, normative documents, Art. 20 (5)(6)(8) decision statistics and the
office-editable portal pages (指南, 制度).

Every write goes through `gongkai.publications.services`; every state change appends a
`CatalogueEvent` in the same transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.models import AppendOnlyModel
from gongkai.orgs.models import Organ


class Channel(models.TextChoices):
    """The channel an item went out through (the narrative of section 一 counts by these)."""

    WEBSITE = "website", "政府网站"
    WEIBO = "weibo", "政务微博"
    WECHAT = "wechat", "政务微信"
    OTHER = "other", "其他方式"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    REVISED = "revised", "已修订"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "失效"


class DisclosureMode(models.TextChoices):
    """公开方式. Art. 44: information requested by several applicants may become proactive."""

    PROACTIVE = "proactive", "主动公开"
    FROM_REQUESTS = "from_requests", "依申请公开转主动公开"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待保密审查"
    APPROVED = "approved", "审查通过，待发布"
    REJECTED = "rejected", "审查未通过"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class ReviewResult(models.TextChoices):
    PASS = "pass", "同意公开"
    FAIL = "fail", "不予公开"


class Category(models.Model):
    """The category counted in the annual report narrative (e.g. 概括类, 政务动态类,
    法规公文类, 其他). Configurable per deployment; `code` is the stable key used in
    `proactive.category.<code>` figures."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "信息类别"
        verbose_name_plural = "信息类别"
        ordering = ("sort_order", "id")

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """主题分类: a tree (e.g. 综合政务 › 政务公开)."""

    code = models.CharField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    parent = models.ForeignKey(
        "self", verbose_name="上级分类", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ("sort_order", "code")

    def __str__(self) -> str:
        return self.name


class IndexSerial(models.Model):
    """The last serial used in 索引号 for one organ and year; incremented under a row lock."""

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organ", "year"], name="index_serial_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organ_id}/{self.year}: {self.last}"


class Publication(models.Model):
    """One item of proactively disclosed government information."""

    organ = models.ForeignKey(
        Organ, verbose_name="发布机构", on_delete=models.PROTECT, related_name="publications"
    )
    # 索引号: "<organ index code>/<year>-<serial:05d>", assigned once at registration.
    index_number = models.CharField("索引号", max_length=80, unique=True)
    title = models.CharField("标题", max_length=300)
    body_html = models.TextField("正文", blank=True)  # sanitised by nh3 in the services
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    document_number = models.CharField("文号", max_length=100, blank=True)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    # Art. 26: the date the information was formed or changed; publication is due 20 WD later.
    formed_on = models.DateField("信息形成（变更）日期")
    published_on = models.DateField("发布日期", null=True, blank=True, db_index=True)
    topic = models.ForeignKey(
        Topic, verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT,
        related_name="publications",
    )  # fmt: skip
    category = models.ForeignKey(
        Category, verbose_name="信息类别", on_delete=models.PROTECT, related_name="publications"
    )
    # The one channel the item is counted under (see docs/publications.md): the channel it was
    # first released through. `channels` lists every channel it went out through.
    primary_channel = models.CharField(
        "首发渠道", max_length=20, choices=Channel.choices, default=Channel.WEBSITE
    )
    channels = models.JSONField("发布渠道", default=list, blank=True)
    validity = models.CharField(
        "有效性", max_length=20, choices=Validity.choices, default=Validity.VALID
    )
    disclosure_mode = models.CharField(
        "公开方式", max_length=20, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ("-published_on", "-id")
        indexes = [
            models.Index(fields=["organ", "status", "published_on"], name="pub_organ_status_date"),
            models.Index(fields=["topic", "status"], name="pub_topic_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [labels.get(c, c) for c in self.channels or [self.primary_channel]]


class ConfidentialityReview(models.Model):
    """保密审查 before release (Art. 17). Append-only; the latest decides."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField("审查日期")
    result = models.CharField("审查结论", max_length=10, choices=ReviewResult.choices)
    opinion = models.CharField("审查意见", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.reviewed_on}"


class Attachment(models.Model):
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="publications/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)  # detected from content: pdf, docx, …
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.original_name


class NormativeKind(models.TextChoices):
    REGULATION = "regulation", "规章"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"


class NormativeDocument(models.Model):
    """A rule (规章) or administrative normative document (行政规范性文件) with its lifecycle,
    so table 二 block 第二十条第（一）项 is computed (issued / repealed / in force on 31 Dec).

    Facts only: issue, repeal and expiry dates; the status on a date is derived."""

    organ = models.ForeignKey(
        Organ, verbose_name="制发机关", on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField("类别", max_length=20, choices=NormativeKind.choices)
    title = models.CharField("名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("制发日期", db_index=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True, db_index=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    publication = models.ForeignKey(
        Publication, verbose_name="公开信息", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="normative_documents",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "规章和规范性文件"
        verbose_name_plural = "规章和规范性文件"
        ordering = ("-issued_on", "-id")

    def __str__(self) -> str:
        return self.title

    def in_force_on(self, day: object) -> bool:
        from datetime import date

        assert isinstance(day, date)
        if self.issued_on > day:
            return False
        if self.repealed_on is not None and self.repealed_on <= day:
            return False
        return self.expires_on is None or self.expires_on >= day

    def status_on(self, day: object) -> str:
        from datetime import date

        assert isinstance(day, date)
        if self.issued_on > day:
            return "未施行"
        if self.repealed_on is not None and self.repealed_on <= day:
            return "已废止"
        if self.expires_on is not None and self.expires_on < day:
            return "已失效"
        return "现行有效"


class DecisionKind(models.TextChoices):
    """Art. 20 (5), (6), (8) figures of table 二 (2021 format)."""

    LICENSING = "licensing", "行政许可（本年处理决定数量）"
    PENALTY = "penalty", "行政处罚（本年处理决定数量）"
    ENFORCEMENT = "enforcement", "行政强制（本年处理决定数量）"
    FEES = "fees", "行政事业性收费（本年收费金额，万元）"


class DecisionStatistic(models.Model):
    """One Art. 20 (5)(6)(8) figure for an organ and year, with where it came from. The licensing,
    penalty and compulsion counts include every decision of the year, published or lawfully not
    published (〔2021〕30号). Corrections overwrite the value and append an event with the old one."""

    organ = models.ForeignKey(
        Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="decision_statistics"
    )
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("项目", max_length=20, choices=DecisionKind.choices)
    # Decisions: a whole number of 件; fees: 万元 with up to six decimal places.
    value = models.DecimalField("数值", max_digits=18, decimal_places=6)
    source = models.CharField("数据来源", max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "第二十条统计"
        verbose_name_plural = "第二十条统计"
        ordering = ("year", "organ_id", "kind")
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "kind"], name="decision_stat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organ_id} {self.year} {self.get_kind_display()}: {self.value}"


class PageKind(models.TextChoices):
    GUIDE = "guide", "政府信息公开指南"
    RULES = "rules", "政府信息公开制度"


class PortalPage(models.Model):
    """A page of the public portal that the disclosure office edits (Art. 12: the guide is
    kept up to date by the organ). Body is sanitised rich text."""

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="portal_pages")
    kind = models.CharField("栏目", max_length=20, choices=PageKind.choices)
    title = models.CharField("标题", max_length=200)
    body_html = models.TextField("内容")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "专栏页面"
        verbose_name_plural = "专栏页面"
        constraints = [models.UniqueConstraint(fields=["organ", "kind"], name="portal_page_unique")]

    def __str__(self) -> str:
        return self.title


ACTION_LABELS = {
    "create": "登记", "update": "修改", "submit": "提交保密审查", "review": "保密审查",
    "publish": "发布", "bulk_publish": "批量登记并发布", "withdraw": "撤回", "validity": "修改有效性",
    "attach": "上传附件", "register": "登记", "repeal": "废止", "record": "填报", "save": "保存",
}  # fmt: skip


class CatalogueEvent(AppendOnlyModel):
    """Append-only log of every change in this app: who, what, when, old/new."""

    log_name_zh = "操作记录"

    subject = models.CharField(max_length=60, db_index=True)  # "publications.publication:12"
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.subject} {self.action}"

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)
