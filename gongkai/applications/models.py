"""依申请公开: applications, their append-only event log, attachments and reminders.

An application stores facts (dates of receipt, correction, pauses, extension, fee notice,
decision) and the due date derived from them by `deadlines.py`. Time-dependent states (due
soon, overdue) are derived at read time and never stored (ARCHITECTURE.md, principle 4).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.core.models import AppendOnlyModel
from gongkai.orgs.models import Organ


class ApplicantType(models.TextChoices):
    """Exactly the applicant columns of table 三 (their keys are the table's column keys)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL = "social", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


class IdDocType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    OTHER = "other", "其他有效身份证件"


class Channel(models.TextChoices):
    """Intake channels (Art. 28, 国办公开办函〔2017〕19号); the receipt date follows Art. 31."""

    IN_PERSON = "in_person", "当面提交"
    REGISTERED_POST = "registered_post", "邮政寄送（需签收）"
    ORDINARY_POST = "ordinary_post", "平信寄送（无需签收）"
    ONLINE = "online", "互联网平台在线申请"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头提出（代为填写）"


class InfoForm(models.TextChoices):
    """Requested form of the information (Art. 29 (三))."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文件"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    """How the applicant wants to obtain it (Art. 29 (三))."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "在线查看"
    FAX = "fax", "传真"


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    UNDER_REVIEW = "under_review", "办理中"
    CONSULTING = "consulting", "征求意见中"
    EXTENSION_REQUESTED = "extension_requested", "延期待批"
    FEE_PENDING = "fee_pending", "待缴费"
    DECIDED = "decided", "已作出答复"
    TERMINATED = "terminated", "已终止"
    DELIVERED = "delivered", "已送达"
    ARCHIVED = "archived", "已归档"


# A case in one of these states has an outcome and a closed_on date: it is counted in a table
# 三 result row in the year of closed_on.
CLOSED_STATUSES = frozenset({Status.DECIDED, Status.TERMINATED, Status.DELIVERED, Status.ARCHIVED})


class Outcome(models.TextChoices):
    """The kind of reply (Arts. 35–39 and 30, 国办函〔2020〕109号). Finer than table 三's rows:
    `selectors.OUTCOME_ROW` maps each onto exactly one result row (regulations.md §6)."""

    ALREADY_PUBLIC = "already_public", "已主动公开，告知获取途径"
    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    DENIED_STATE_SECRET = "denied_state_secret", "不予公开：属于国家秘密"
    DENIED_LAW_FORBIDDEN = "denied_law_forbidden", "不予公开：其他法律行政法规禁止公开"
    DENIED_THREE_SAFETY = "denied_three_safety", "不予公开：危及“三安全一稳定”"
    DENIED_THIRD_PARTY = "denied_third_party", "不予公开：保护第三方合法权益"
    DENIED_INTERNAL = "denied_internal", "不予公开：属于三类内部事务信息"
    DENIED_PROCESS = "denied_process", "不予公开：属于四类过程性信息"
    DENIED_ENFORCEMENT = "denied_enforcement", "不予公开：属于行政执法案卷"
    QUERY_MATTER = "query_matter", "不予公开：属于行政查询事项"
    NOT_EXIST = "not_exist", "无法提供：经检索没有所申请公开的信息"
    NOT_RESPONSIBLE = "not_responsible", "无法提供：不属于本机关负责公开"
    NEEDS_CREATION = "needs_creation", "无法提供：没有现成信息需要另行制作"
    STILL_UNCLEAR = "still_unclear", "无法提供：补正后申请内容仍不明确"
    PETITION = "petition", "不予处理：信访举报投诉类申请"
    REPEAT = "repeat", "不予处理：重复申请"
    PUBLICATION = "publication", "不予处理：要求提供公开出版物"
    EXCESSIVE = "excessive", "不予处理：无正当理由大量反复申请"
    CONFIRMATION = "confirmation", "不予处理：要求行政机关确认或重新出具已获取信息"
    NO_CORRECTION = "no_correction", "其他处理：逾期不补正，不再处理"
    NO_FEE = "no_fee", "其他处理：逾期未缴纳信息处理费，不再处理"
    WITHDRAWN = "withdrawn", "其他处理：申请人撤回申请"
    OTHER = "other", "其他处理：其他"


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见（第三十二条）"
    OTHER_ORGAN = "other_organ", "征求其他机关意见（第三十四条）"


class FeeMethod(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class Application(models.Model):
    organ = models.ForeignKey(Organ, verbose_name="受理机关", on_delete=models.PROTECT)
    status = models.CharField(
        "状态", max_length=24, choices=Status.choices, default=Status.REGISTERED
    )
    # Optimistic locking: every transition bumps it; a stale form is refused.
    version = models.PositiveIntegerField("版本", default=1)

    # --- intake (Art. 29) ---
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("申请人姓名或名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=20, choices=IdDocType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需信息的名称、文号或便于查询的其他特征描述")
    purpose = models.TextField("用途（选填）", blank=True)
    # Who the applicant is across applications (ID number, credit code, or name + phone), to
    # count requests per applicant per calendar month (fees, 国办函〔2020〕109号 办法 Art. 4).
    applicant_key = models.CharField(max_length=120, db_index=True, editable=False)
    info_form = models.CharField("信息的指定提供载体形式", max_length=20, choices=InfoForm.choices)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices)

    # --- receipt (Art. 31) ---
    arrived_on = models.DateField("收到日期", help_text="材料到达之日")
    received_on = models.DateField(
        "收到申请之日", db_index=True, help_text="依第三十一条确定，期限由此起算"
    )
    original_received_on = models.DateField("首次收到之日", null=True, blank=True)
    corrected_on = models.DateField("收到补正申请之日", null=True, blank=True)
    # Derived from the event log and the calendar by deadlines.py; stored for the queue's
    # ordering and the sweeper. NULL while the clock is stopped (correction, consultation, fee).
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)

    # --- outcome (Arts. 36–39) ---
    outcome = models.CharField("答复类型", max_length=24, choices=Outcome.choices, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)

    # --- fee (国办函〔2020〕109号) ---
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="handled_applications",
    )  # fmt: skip
    query_code = models.CharField("查询码", max_length=16, unique=True)
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    submitter_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-received_on", "-id")
        indexes = [models.Index(fields=["organ", "status"], name="app_organ_status")]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    @property
    def reference(self) -> str:
        """The case number shown on letters: 依申〔year〕pk号."""
        return f"依申〔{self.received_on.year}〕{self.pk}号"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ApplicationEvent(AppendOnlyModel):
    """One step of a case, appended by `services.application_transition` in the same
    transaction as the change. Never updated nor deleted: it is the timeline, the audit trail
    and the source of the deadline computation."""

    log_name_zh = "办理记录"

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("序号")
    action = models.CharField("操作", max_length=32)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24)
    occurred_on = models.DateField("发生日期")  # the fact's date (may precede the recording)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    data: models.JSONField[Any, Any] = models.JSONField(default=dict, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("application_id", "seq")
        constraints = [
            models.UniqueConstraint(fields=["application", "seq"], name="app_event_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.seq} {self.action}"

    def get_action_label(self) -> str:
        from gongkai.applications.transitions import Action

        if self.action == "register":
            return "登记收件"
        return Action(self.action).label if self.action in Action.values else self.action

    @property
    def status_change(self) -> str:
        if not self.from_status or self.from_status == self.to_status:
            return ""
        return f"{Status(self.from_status).label} → {Status(self.to_status).label}"

    @property
    def public_data(self) -> list[tuple[str, str]]:
        """The event's facts as (label, value) for the timeline."""
        out = []
        for key, value in (self.data or {}).items():
            label = EVENT_DATA_LABELS.get(key)
            if label is None or value in (None, "", False):
                continue
            if key == "outcome":
                value = Outcome(value).label if value in Outcome.values else value
            elif key in {"channel"}:
                value = Channel(value).label if value in Channel.values else value
            elif key == "kind":
                value = ConsultationKind(value).label if value in ConsultationKind.values else value
            elif key == "method":
                value = {"per_request": "按件计收", "per_page": "按量计收", "direct": "直接送达",
                         "post": "邮政寄送", "email": "电子邮件", "online": "在线送达",
                         "other_organ": "委托其他机关送达"}.get(value, value)  # fmt: skip
            elif value is True:
                value = "是"
            out.append((label, str(value)))
        return out


EVENT_DATA_LABELS = {
    "channel": "申请方式",
    "basis": "收到申请之日的依据",
    "confirmed_on": "确认日期",
    "items": "补正事项",
    "correction_due_on": "补正期限",
    "late": "超过 7 个工作日告知期限",
    "content": "补正内容",
    "kind": "征求对象",
    "party": "第三方或机关",
    "matter": "征求事项",
    "opinion": "意见",
    "reasons": "理由",
    "reason": "理由",
    "days": "延长工作日数",
    "reply_on": "延迟答复的期限",
    "method": "方式",
    "units": "计费数量",
    "amount": "金额（元）",
    "notice_received_on": "收到通知之日",
    "receipt_no": "票据号",
    "outcome": "答复类型",
    "summary": "答复摘要",
    "responsible_organ": "负责公开的机关",
    "posted_on": "交邮日期",
    "from_organ": "原机关",
    "to_organ": "转至",
    "handler": "承办人",
    "previous_outcome": "原答复类型",
}


class Attachment(models.Model):
    """An uploaded file (identity proof, the written application). Its type was checked by
    content (magic bytes), never by name."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="applications/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name


class Reminder(models.Model):
    """What `gongkai sweep` has sent, so running it twice sends nothing twice."""

    kind = models.CharField(max_length=20)  # due_soon | overdue | digest
    key = models.CharField(max_length=120)  # "<application pk>:<due_on>" or "<organ>:<date>"
    recipient = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "recipient"], name="reminder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient}"


class LetterTemplate(models.Model):
    """An office's own wording of a letter; without one the packaged default is used."""

    organ = models.ForeignKey(
        Organ, null=True, blank=True, on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField("文书", max_length=40)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文模板", help_text="Django 模板语法，可用 {{ app }}、{{ organ }} 等")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["organ", "kind"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.organ or '默认'}"
