from __future__ import annotations

from typing import Any

from django import forms

from gongkai.annual_report.schema import SECTIONS
from gongkai.orgs.models import Organ
from gongkai.reporting.models import ReportScope


class ReportCreateForm(forms.Form):
    organ = forms.ModelChoiceField(label="机关", queryset=Organ.objects.none())
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)
    scope = forms.ChoiceField(label="范围", choices=ReportScope.choices)

    def __init__(self, *args: Any, organ_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = Organ.objects.filter(  # type: ignore[attr-defined]
            pk__in=organ_ids, outside_system=False
        )


class NarrativeForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="标题", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.heading,
                required=False,
                widget=forms.Textarea(attrs={"rows": 10 if section.number in (1, 5) else 5}),
            )


class StepForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutsideFigureForm(forms.Form):
    organ = forms.ModelChoiceField(label="系统外单位", queryset=Organ.objects.none())
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)
    key = forms.ChoiceField(label="单元格", choices=())
    value = forms.CharField(label="数值", max_length=40)
    unit = forms.ChoiceField(label="单位", choices=(("件", "件"), ("万元", "万元"), ("元", "元")))
    note = forms.CharField(label="说明（来源或事项，如“收取诉讼费”）", max_length=300)

    def __init__(
        self, *args: Any, organs: Any, key_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organs  # type: ignore[attr-defined]
        self.fields["key"].choices = key_choices  # type: ignore[attr-defined]


class SubordinateUploadForm(forms.Form):
    report_file = forms.FileField(label="下级单位年度报告（JSON、HTML、DOCX、PDF 或 TXT）")
