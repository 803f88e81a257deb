from __future__ import annotations

from django import forms

from gongkai.appeals.models import Appeal, AppealKind, AppealResult
from gongkai.orgs.models import Organ


class AppealRegisterForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=AppealKind.choices)
    organ = forms.ModelChoiceField(
        label="被申请人/被告（原行政行为机关）", queryset=Organ.objects.none()
    )
    case_number = forms.CharField(label="案号/文号", max_length=100, required=False)
    claimant = forms.CharField(label="申请人/原告", max_length=200)
    forum = forms.CharField(label="复议机关/受理法院", max_length=200)
    subject = forms.CharField(
        label="争议事项", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    filed_on = forms.DateField(
        label="申请/立案日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    application = forms.CharField(
        label="关联申请（本系统案件编号，如 依申〔2021〕42号）", max_length=60, required=False
    )
    application_ref = forms.CharField(label="关联申请（系统外编号）", max_length=60, required=False)
    reconsideration = forms.ModelChoiceField(
        label="前置行政复议（复议后起诉时选择）", queryset=Appeal.objects.none(), required=False
    )
    codefendant_organ = forms.ModelChoiceField(
        label="作为复议机关的共同被告（不计入其年报）",
        queryset=Organ.objects.none(),
        required=False,
    )

    def __init__(self, *args: object, organ_ids: set[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        organs = Organ.objects.filter(pk__in=organ_ids)
        self.fields["organ"].queryset = organs  # type: ignore[attr-defined]
        self.fields["codefendant_organ"].queryset = Organ.objects.all()  # type: ignore[attr-defined]
        self.fields["reconsideration"].queryset = Appeal.objects.filter(  # type: ignore[attr-defined]
            organ_id__in=organ_ids, kind=AppealKind.RECONSIDERATION
        )


class AppealDetailsForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    case_number = forms.CharField(label="案号/文号", max_length=100, required=False)
    claimant = forms.CharField(label="申请人/原告", max_length=200)
    forum = forms.CharField(label="复议机关/受理法院", max_length=200)
    subject = forms.CharField(
        label="争议事项", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    filed_on = forms.DateField(
        label="申请/立案日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    application = forms.CharField(label="关联申请（本系统案件编号）", max_length=60, required=False)
    application_ref = forms.CharField(label="关联申请（系统外编号）", max_length=60, required=False)


class AppealResultForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label="审理结果", choices=AppealResult.choices)
    decided_on = forms.DateField(
        label="审结日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label="结果说明", max_length=500, required=False)


class AppealReopenForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label="重新审理的原因", max_length=500)
