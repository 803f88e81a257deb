"""Forms of the public site and the back office. They parse and present; the rules live in
intake.py and the services."""

from __future__ import annotations

import copy
import uuid
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile

from gongkai.applications.intake import ApplicantData, intake_errors
from gongkai.applications.models import (
    ApplicantType,
    Channel,
    ConsultationKind,
    Delivery,
    FeeMethod,
    IdDocType,
    InfoForm,
)
from gongkai.applications.uploads import ALLOWED_DESCRIPTION, MAX_FILES
from gongkai.orgs.models import Organ

TYPE_HELP = (
    "法人或其他组织请按单位性质选择：商业企业、科研机构、社会公益组织、法律服务机构或其他组织。"
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def organ_choices() -> list[tuple[str, str]]:
    organs = Organ.objects.filter(is_active=True, outside_system=False).order_by("sort_order", "id")
    return [("", "请选择受理机关")] + [(str(o.pk), o.name) for o in organs]


class ApplicantForm(forms.Form):
    """The applicant's part (Art. 29), shared by the public form and staff registration."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        help_text=TYPE_HELP,
    )
    name = forms.CharField(label="姓名或单位名称", max_length=200)
    id_type = forms.ChoiceField(
        label="证件类型（自然人填写）", choices=[("", "—"), *IdDocType.choices], required=False
    )
    id_number = forms.CharField(label="证件号码（自然人填写）", max_length=40, required=False)
    credit_code = forms.CharField(
        label="统一社会信用代码（法人或其他组织填写）", max_length=18, required=False
    )
    contact_person = forms.CharField(
        label="联系人（法人或其他组织填写）", max_length=100, required=False
    )
    phone = forms.CharField(label="联系电话", max_length=30, help_text="查询办理进度时需核对后四位")
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=300, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    purpose = forms.CharField(
        label="用途（选填）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )
    info_form = forms.ChoiceField(
        label="信息的指定提供载体形式", choices=InfoForm.choices, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式", choices=Delivery.choices, widget=forms.RadioSelect
    )

    def applicant(self) -> ApplicantData:
        d = self.cleaned_data
        return ApplicantData(
            **{k: d.get(k) or "" for k in ApplicantData.__dataclass_fields__}
        ).cleaned()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        for field, (zh, _en) in intake_errors(self.applicant()).items():
            if field in self.fields:
                self.add_error(field, zh)
            else:
                self.add_error(None, zh)
        return cleaned


class PublicApplicationForm(ApplicantForm):
    organ = forms.ChoiceField(label="受理机关", choices=())
    attachments = MultipleFileField(
        label="附件（身份证明等，选填）",
        required=False,
        help_text=f"最多 {MAX_FILES} 个，格式 {ALLOWED_DESCRIPTION}，单个不超过 10 MB。",
    )
    promise = forms.BooleanField(
        label="本人承诺所填信息真实有效，并已阅读政府信息公开申请须知。",
        error_messages={"required": "请阅读须知并勾选承诺。"},
    )
    # Double submits: the same token → the same application (services, idempotency key).
    token = forms.CharField(widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS; robots fill it in.
    website = forms.CharField(label="网址（请勿填写）", required=False)

    field_order = ["organ", "applicant_type", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organ"]).choices = organ_choices()
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)


class StaffRegistrationForm(ApplicantForm):
    organ = forms.ChoiceField(label="受理机关", choices=())
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    arrived_on = forms.DateField(
        label="申请材料到达之日", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    confirmed_on = forms.DateField(
        label="与申请人确认之日（平信、互联网、传真、电子邮件）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label="登记说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachments = MultipleFileField(label="附件（扫描件）", required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    field_order = ["organ", "channel", "arrived_on", "confirmed_on", "applicant_type", "name"]

    def __init__(self, *args: Any, organ_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organs = Organ.objects.filter(pk__in=organ_ids, is_active=True).order_by("sort_order", "id")
        cast(forms.ChoiceField, self.fields["organ"]).choices = [
            (str(o.pk), o.name) for o in organs
        ]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)


class LookupForm(forms.Form):
    query_code = forms.CharField(label="查询码", max_length=16, help_text="见申请回执")
    phone_last4 = forms.CharField(
        label="联系电话后四位", min_length=4, max_length=4, help_text="提交申请时填写的联系电话"
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(forms.Form):
    """One form for every action; the case page shows the fields the chosen action needs."""

    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))


ACTION_FIELDS: dict[str, list[tuple[str, forms.Field]]] = {
    "assign": [("handler_id", forms.ChoiceField(label="承办人", choices=()))],
    "request_correction": [
        (
            "items",
            forms.CharField(
                label="需要补正的事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 3})
            ),
        ),
        (
            "correction_due_on",
            forms.DateField(label="补正期限（不填则按默认工作日数）", required=False, widget=DATE),
        ),
    ],
    "receive_correction": [("content", forms.CharField(label="补正内容", required=False))],
    "open_consultation": [
        ("kind", forms.ChoiceField(label="征求对象", choices=ConsultationKind.choices)),
        ("party", forms.CharField(label="第三方或机关名称", max_length=200)),
        ("matter", forms.CharField(label="征求意见事项", required=False)),
    ],
    "answer_consultation": [
        (
            "opinion",
            forms.ChoiceField(
                label="意见",
                choices=[("agree", "同意公开"), ("object", "不同意公开"), ("other", "其他")],
            ),
        ),
        ("reasons", forms.CharField(label="理由", required=False)),
    ],
    "request_extension": [("reason", forms.CharField(label="延期理由"))],
    "approve_extension": [
        (
            "days",
            forms.IntegerField(label="延长工作日数（1–20）", min_value=1, max_value=20, initial=20),
        )
    ],
    "set_later_date": [
        ("reply_on", forms.DateField(label="延迟答复的期限", widget=DATE)),
        ("reason", forms.CharField(label="理由（申请数量、频次明显超过合理范围，且理由合理）")),
    ],
    "issue_fee_notice": [
        ("method", forms.ChoiceField(label="计费方式", choices=FeeMethod.choices)),
        (
            "units",
            forms.IntegerField(
                label="页数（按量计收；按件计收可不填，系统按本月件数计算）",
                required=False,
                min_value=1,
            ),
        ),
        (
            "notice_received_on",
            forms.DateField(
                label="申请人收到通知之日（不填为发出当日）", required=False, widget=DATE
            ),
        ),
    ],
    "record_payment": [("receipt_no", forms.CharField(label="非税收入票据号", required=False))],
    "waive_fee": [("reason", forms.CharField(label="减免理由"))],
    "decide": [
        ("outcome", forms.ChoiceField(label="答复类型", choices=())),
        (
            "summary",
            forms.CharField(
                label="答复内容摘要", required=False, widget=forms.Textarea(attrs={"rows": 3})
            ),
        ),
        (
            "responsible_organ",
            forms.CharField(label="负责公开的机关（不属于本机关负责公开时填写）", required=False),
        ),
    ],
    "deliver": [
        (
            "method",
            forms.ChoiceField(
                label="送达方式",
                choices=[
                    ("direct", "直接送达"),
                    ("post", "邮政寄送"),
                    ("email", "电子邮件"),
                    ("online", "在线送达"),
                    ("other_organ", "委托其他机关送达"),
                ],
            ),
        ),
        ("posted_on", forms.DateField(label="交邮日期（邮寄送达）", required=False, widget=DATE)),
    ],
    "withdraw": [("reason", forms.CharField(label="撤回说明", required=False))],
    "transfer": [
        ("organ_id", forms.ChoiceField(label="转交机关", choices=())),
        ("reason", forms.CharField(label="转办理由", required=False)),
    ],
    "reopen": [("reason", forms.CharField(label="重新办理的原因"))],
}


def action_form(action: str, data: Any = None, **initial: Any) -> ActionForm:
    form = ActionForm(data, initial={"action": action, **initial}, prefix=action)
    for name, field in ACTION_FIELDS.get(action, []):
        form.fields[name] = copy.deepcopy(field)
    return form
