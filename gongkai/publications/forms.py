"""Forms of the back office. They parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.orgs.models import Organ
from gongkai.publications.models import (
    Category,
    Channel,
    DecisionKind,
    DisclosureMode,
    NormativeKind,
    PageKind,
    ReviewResult,
    Topic,
    Validity,
)

# ISO format: <input type="date"> only accepts YYYY-MM-DD, whatever the locale prints.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organ) -> str:
        return obj.name


def organ_field(organ_ids: set[int], label: str = "机关") -> OrganChoiceField:
    return OrganChoiceField(
        queryset=Organ.objects.filter(pk__in=organ_ids).order_by("sort_order", "id"),
        label=label,
        empty_label=None,
    )


class PublicationForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    category = forms.ModelChoiceField(
        Category.objects.all(), label="信息类别", to_field_name="code"
    )
    topic = forms.ModelChoiceField(
        Topic.objects.all(), label="主题分类", required=False, to_field_name="code"
    )
    keywords = forms.CharField(label="主题词", max_length=200, required=False)
    written_on = forms.DateField(label="成文日期", required=False, widget=DATE)
    formed_on = forms.DateField(
        label="信息形成（变更）日期",
        widget=DATE,
        help_text="第二十六条：应自信息形成或变更之日起 20 个工作日内公开。",
    )
    primary_channel = forms.ChoiceField(
        label="首发渠道（统计口径）", choices=Channel.choices, initial=Channel.WEBSITE
    )
    channels = forms.MultipleChoiceField(
        label="同时发布的渠道", choices=Channel.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices, initial=Validity.VALID)
    disclosure_mode = forms.ChoiceField(label="公开方式", choices=DisclosureMode.choices)
    body_html = forms.CharField(
        label="正文（HTML，脚本等不安全内容会被清除）", widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
    )  # fmt: skip


class ReviewForm(forms.Form):
    result = forms.ChoiceField(
        label="审查结论", choices=ReviewResult.choices, widget=forms.RadioSelect
    )
    reviewed_on = forms.DateField(label="审查日期", widget=DATE, initial=timezone.localdate)
    opinion = forms.CharField(
        label="审查意见", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishForm(forms.Form):
    published_on = forms.DateField(label="发布日期", widget=DATE, initial=timezone.localdate)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因", max_length=300)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件（PDF、OFD、Word、Excel、WPS、PNG、JPEG）")


class StatisticForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="项目", choices=DecisionKind.choices)
    value = forms.DecimalField(
        label="数值（件；收费为万元）", min_value=0, max_digits=18, decimal_places=6
    )
    source = forms.CharField(
        label="数据来源", max_length=300, help_text="如：县政务服务中心审批系统 2022-01-10 导出"
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="统计文件（CSV 或 XLSX）")


class NormativeForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=NormativeKind.choices)
    title = forms.CharField(label="名称", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    issued_on = forms.DateField(label="制发日期", widget=DATE)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False)
    repealed_on = forms.DateField(label="废止日期", widget=DATE, required=False)


class RepealForm(forms.Form):
    repealed_on = forms.DateField(label="废止日期", widget=DATE)


class PortalPageForm(forms.Form):
    kind = forms.ChoiceField(label="栏目", choices=PageKind.choices)
    title = forms.CharField(label="标题", max_length=200)
    body_html = forms.CharField(label="内容（HTML）", widget=forms.Textarea(attrs={"rows": 18}))
