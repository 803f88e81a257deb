"""Back-office pages for reconsideration and litigation cases (/office/appeals/…)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.appeals import services
from gongkai.appeals.forms import (
    AppealDetailsForm,
    AppealRegisterForm,
    AppealReopenForm,
    AppealResultForm,
)
from gongkai.appeals.models import Appeal, AppealKind
from gongkai.appeals.permissions import (
    appeal_organ_ids_visible,
    can_edit_appeal,
    can_view_appeal,
)
from gongkai.appeals.selectors import appeals_for_organs, find_application
from gongkai.appeals.transitions import ACTION_LABELS
from gongkai.applications.models import Application
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Role
from gongkai.orgs.selectors import organ_ids_for


def _application(reference: str, organ_ids: set[int]) -> Application:
    found = find_application(reference, organ_ids)
    if found is None:
        raise DomainError(
            f"找不到申请“{reference}”（请填写本系统的案件编号，如 依申〔2021〕42号）。",
            "No such application.",
            field="application",
        )
    return found


def _form_error(form: object, exc: DomainError) -> None:
    field = exc.field if exc.field and exc.field in form.fields else None  # type: ignore[attr-defined]
    form.add_error(field, f"{exc.message} / {exc.message_en}" if exc.message_en else exc.message)  # type: ignore[attr-defined]


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    organ_ids = appeal_organ_ids_visible(request.user)
    qs = appeals_for_organs(organ_ids)
    year = request.GET.get("year", "")
    kind = request.GET.get("kind", "")
    if year.isdigit():
        qs = qs.filter(filed_on__year=int(year))
    if kind in AppealKind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    can_register = bool(organ_ids_for(request.user, (Role.OFFICE_ADMIN, Role.HANDLER)))
    return render(
        request,
        "appeals/list.html",
        {"page": page, "year": year, "kind": kind, "kinds": AppealKind.choices,
         "can_register": can_register},
    )  # fmt: skip


@login_required
def appeal_new(request: HttpRequest) -> HttpResponse:
    organ_ids = organ_ids_for(request.user, (Role.OFFICE_ADMIN, Role.HANDLER))
    if not organ_ids:
        raise Http404
    form = AppealRegisterForm(request.POST or None, organ_ids=organ_ids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = None
        try:
            if data["application"]:
                application = _application(data["application"], organ_ids)
            appeal = services.appeal_register(
                actor=request.user,  # type: ignore[arg-type]
                kind=data["kind"],
                organ=data["organ"],
                filed_on=data["filed_on"],
                claimant=data["claimant"],
                forum=data["forum"],
                subject=data["subject"],
                case_number=data["case_number"],
                application_ref=data["application_ref"],
                reconsideration=data["reconsideration"],
                codefendant_organ=data["codefendant_organ"],
                application=application,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "案件已登记。")
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/new.html", {"form": form})


@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = get_object_or_404(appeals_for_organs(appeal_organ_ids_visible(request.user)), pk=pk)
    if not can_view_appeal(request.user, appeal):
        raise Http404
    editable = can_edit_appeal(request.user, appeal)
    initial = {"lock_version": appeal.lock_version}
    details = AppealDetailsForm(
        initial={
            **initial,
            **{f: getattr(appeal, f) for f in ("case_number", "claimant", "forum", "subject",
                                                "filed_on", "application_ref")},
            "application": appeal.application.reference if appeal.application else "",
        }
    )  # fmt: skip
    result_form = AppealResultForm(
        initial={**initial, "result": appeal.result or None, "decided_on": appeal.decided_on,
                 "note": appeal.result_note}
    )  # fmt: skip
    reopen_form = AppealReopenForm(initial=initial)
    if request.method == "POST" and editable:
        action = request.POST.get("action")
        try:
            if action == "details":
                details = AppealDetailsForm(request.POST)
                if details.is_valid():
                    d = details.cleaned_data
                    linked = (
                        _application(d["application"], appeal_organ_ids_visible(request.user))
                        if d["application"]
                        else None
                    )
                    services.appeal_update_details(
                        actor=request.user,  # type: ignore[arg-type]
                        appeal=appeal,
                        expected_version=d["lock_version"],
                        case_number=d["case_number"],
                        claimant=d["claimant"],
                        forum=d["forum"],
                        subject=d["subject"],
                        filed_on=d["filed_on"],
                        application_ref=d["application_ref"],
                        application=linked,
                    )
                    messages.success(request, "案件信息已保存。")
                    return redirect("appeals:detail", pk=pk)
            elif action == "result":
                result_form = AppealResultForm(request.POST)
                if result_form.is_valid():
                    d = result_form.cleaned_data
                    services.appeal_record_result(
                        actor=request.user,  # type: ignore[arg-type]
                        appeal=appeal,
                        expected_version=d["lock_version"],
                        result=d["result"],
                        decided_on=d["decided_on"],
                        note=d["note"],
                    )
                    messages.success(request, "审理结果已登记。")
                    return redirect("appeals:detail", pk=pk)
            elif action == "reopen":
                reopen_form = AppealReopenForm(request.POST)
                if reopen_form.is_valid():
                    d = reopen_form.cleaned_data
                    services.appeal_reopen(
                        actor=request.user,  # type: ignore[arg-type]
                        appeal=appeal,
                        expected_version=d["lock_version"],
                        comment=d["comment"],
                    )
                    messages.success(request, "案件已重新打开。")
                    return redirect("appeals:detail", pk=pk)
        except DomainError as exc:
            messages.error(request, str(exc))
            appeal.refresh_from_db()
    events = [
        (event, ACTION_LABELS.get(event.action, event.action))
        for event in appeal.events.select_related("actor")
    ]
    return render(
        request,
        "appeals/detail.html",
        {"appeal": appeal, "editable": editable, "details": details, "result_form": result_form,
         "reopen_form": reopen_form, "events": events,
         "lawsuits": Appeal.objects.filter(reconsideration=appeal)},
    )  # fmt: skip
