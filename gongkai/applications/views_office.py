"""The back office: the queue, staff registration, the case page with its timeline, deadline
explanation, actions and letters, and CSV/XLSX export. Access questions are asked of
permissions.py; writes go through services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import permissions as perms
from gongkai.applications.actions import DECIDE_OUTCOMES
from gongkai.applications.export import export_rows, to_csv, to_xlsx
from gongkai.applications.forms import StaffRegistrationForm, action_form
from gongkai.applications.letters.defaults import DEFAULTS, LETTER_NAMES
from gongkai.applications.letters.editing import letter_template_reset, letter_template_save
from gongkai.applications.letters.render import available_letters, render_letter
from gongkai.applications.models import Application, LetterTemplate, Outcome, Status
from gongkai.applications.queue import QueueFilters, annotate_rows, filtered_cases
from gongkai.applications.selectors import case_deadline, case_events, outcome_row
from gongkai.applications.services import application_register_once, application_transition
from gongkai.applications.transitions import Action, allowed_actions
from gongkai.applications.uploads import check_uploads
from gongkai.applications.views_public import letter_response
from gongkai.core.errors import ConflictError, DomainError
from gongkai.orgs.models import Membership, Organ, Role
from gongkai.orgs.permissions import CASE_HANDLE_ROLES, case_organ_ids_visible
from gongkai.orgs.selectors import organ_ids_for, organ_path_to_root
from gongkai.workdays.selectors import work_calendar


def _get_case(request: HttpRequest, pk: int) -> Application:
    app = Application.objects.select_related("organ", "handler").filter(pk=pk).first()
    # Not found and not allowed look the same: a department does not learn of others' cases.
    if app is None or not perms.can_see_case(request.user, app):
        raise Http404("没有这件申请，或您无权查看。")
    return app


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    visible = case_organ_ids_visible(request.user)
    if not visible:
        raise Http404("您没有查看政府信息公开申请的岗位。")
    filters = QueueFilters.from_query(request.GET, request.user)
    qs = filtered_cases(visible, filters, request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = annotate_rows(list(page.object_list), request.user, timezone.localdate())
    organs = Organ.objects.filter(pk__in=visible).order_by("sort_order", "id")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/office/queue.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "organs": organs,
            "statuses": Status.choices,
            "outcomes": Outcome.choices,
            "query": query.urlencode(),
            "can_register": bool(organ_ids_for(request.user, CASE_HANDLE_ROLES)),
            "can_edit_letters": bool(organ_ids_for(request.user, (Role.OFFICE_ADMIN,))),
        },
    )


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    visible = case_organ_ids_visible(request.user)
    if not visible:
        raise Http404("您没有查看政府信息公开申请的岗位。")
    filters = QueueFilters.from_query(request.GET, request.user)
    rows = export_rows(filtered_cases(visible, filters, request.user), request.user)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("不支持的格式。")
    response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.{fmt}"'
    return response


@login_required
def register(request: HttpRequest) -> HttpResponse:
    organ_ids = organ_ids_for(request.user, CASE_HANDLE_ROLES)
    if not organ_ids:
        raise Http404("您没有登记申请的岗位。")
    form = StaffRegistrationForm(request.POST or None, request.FILES or None, organ_ids=organ_ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        today = timezone.localdate()
        for name in ("arrived_on", "confirmed_on"):
            if d.get(name) and d[name] > today:
                form.add_error(name, "日期不能晚于今天。")
        if not form.errors:
            try:
                uploads = check_uploads(
                    (f.name or "附件", f.read()) for f in d.get("attachments") or []
                )
                result = application_register_once(
                    actor=request.user,
                    organ=Organ.objects.get(pk=int(d["organ"])),
                    channel=d["channel"],
                    applicant=form.applicant(),
                    arrived_on=d["arrived_on"],
                    confirmed_on=d.get("confirmed_on"),
                    handler=request.user
                    if perms.can_register_for(request.user, int(d["organ"]))
                    else None,
                    idempotency_key=f"staff:{d['token']}",
                    attachments=uploads,
                    note=d.get("note") or "",
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if result.created:
                    messages.success(request, f"已登记 {result.application.reference}。")
                return redirect("applications:case", pk=result.application.pk)
    return render(
        request,
        "applications/office/register.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def case(
    request: HttpRequest, pk: int, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    app = _get_case(request, pk)
    actions = [
        a for a in allowed_actions(app.status) if perms.can_take_action(request.user, app, a)
    ]
    action_forms = []
    for action in actions:
        form = (bound or {}).get(action) or action_form(
            action, version=app.version, on=timezone.localdate()
        )
        _fill_choices(form, app, request)
        action_forms.append((Action(action), form))
    deadline = case_deadline(app)
    show_personal = perms.can_see_personal_data_of(request.user, app)
    from gongkai.applications.queue import derived_state

    state = derived_state(app, timezone.localdate(), _calendar_or_none())
    return render(
        request,
        "applications/office/case.html",
        {
            "app": app,
            "events": case_events(app),
            "deadline": deadline if not isinstance(deadline, str) else None,
            "deadline_error": deadline if isinstance(deadline, str) else "",
            "action_forms": action_forms,
            "letters": [(k, s, LETTER_NAMES.get(k, k)) for k, s in available_letters(app)],
            "show_personal": show_personal,
            "state": state,
            "t3_row": outcome_row(app.outcome) if app.outcome else "",
            "attachments": app.attachments.all(),
        },
        status=status,
    )


def _calendar_or_none() -> Any:
    try:
        return work_calendar()
    except DomainError:  # pragma: no cover
        return None


def _fill_choices(form: forms.Form, app: Application, request: HttpRequest) -> None:
    if "outcome" in form.fields:
        cast(forms.ChoiceField, form.fields["outcome"]).choices = [("", "请选择（只能选一种）")] + [
            (o.value, o.label) for o in Outcome if o.value in DECIDE_OUTCOMES
        ]
    if "handler_id" in form.fields:
        organ_ids = [o.pk for o in organ_path_to_root(app.organ)]
        users = {
            m.user
            for m in Membership.objects.filter(
                organ_id__in=organ_ids, role__in=CASE_HANDLE_ROLES
            ).select_related("user")
            if perms.can_handle_case(m.user, app)
        }
        cast(forms.ChoiceField, form.fields["handler_id"]).choices = [
            (str(u.pk), u.get_full_name() or u.get_username())
            for u in sorted(users, key=lambda u: u.pk)
        ]
    if "organ_id" in form.fields:
        organs = Organ.objects.filter(is_active=True, outside_system=False).exclude(pk=app.organ_id)
        cast(forms.ChoiceField, form.fields["organ_id"]).choices = [("", "请选择")] + [
            (str(o.pk), o.name) for o in organs.order_by("sort_order", "id")
        ]


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    app = _get_case(request, pk)
    if action not in Action.values:
        raise Http404("没有这个操作。")
    form = action_form(action, request.POST)
    _fill_choices(form, app, request)
    if not form.is_valid():
        messages.error(request, "未保存：请按提示修改。")
        return case(request, pk, bound={action: form}, status=400)
    d = dict(form.cleaned_data)
    on = d.pop("on")
    if on > timezone.localdate():
        form.add_error("on", "日期不能晚于今天。")
        return case(request, pk, bound={action: form}, status=400)
    version, note = d.pop("version"), d.pop("note", "")
    d.pop("action", None)
    try:
        application_transition(
            application=app, action=action, actor=request.user, on=on,
            expected_version=version, data=d, note=note,
        )  # fmt: skip
    except ConflictError as exc:
        messages.error(request, exc.message)
        return case(request, pk, status=409)
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        messages.error(request, f"未保存：{exc.message}")
        return case(request, pk, bound={action: form}, status=400)
    messages.success(request, f"已{Action(action).label}。")
    return redirect("applications:case", pk=pk)


@login_required
def letter(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    app = _get_case(request, pk)
    seq = request.GET.get("seq")
    try:
        doc = render_letter(app, kind, int(seq) if seq and seq.isdigit() else None)
    except DomainError as exc:
        raise Http404(exc.message) from None
    return letter_response(doc, fmt)


@login_required
def attachment(request: HttpRequest, pk: int, att: int) -> FileResponse:
    app = _get_case(request, pk)
    item = app.attachments.filter(pk=att).first()
    if item is None or not perms.can_see_personal_data_of(request.user, app):
        raise Http404("没有这个附件，或您无权查看。")
    return FileResponse(
        item.file.open("rb"), content_type=item.content_type, filename=item.original_name
    )


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(
        label="正文（段落之间空一行；可用 {{ applicant }}、{{ reference }}、{{ event.items }} 等）",
        widget=forms.Textarea(attrs={"rows": 18}),
    )


@login_required
def letter_templates(request: HttpRequest) -> HttpResponse:
    organ_ids = organ_ids_for(request.user, (Role.OFFICE_ADMIN,))
    if not organ_ids:
        raise Http404("只有公开办管理员可以修改文书模板。")
    organs = Organ.objects.filter(pk__in=organ_ids).order_by("sort_order", "id")
    own = set(LetterTemplate.objects.filter(organ_id__in=organ_ids).values_list("organ_id", "kind"))
    rows = [
        (organ, [(kind, _letter_label(kind), (organ.pk, kind) in own) for kind in DEFAULTS])
        for organ in organs
    ]
    return render(request, "applications/office/letter_templates.html", {"rows": rows})


def _letter_label(kind: str) -> str:
    title = DEFAULTS[kind][0]
    if kind.startswith("decision_"):
        return f"{title}（{Outcome(kind.removeprefix('decision_')).label}）"
    return title


@login_required
def letter_template_edit(request: HttpRequest, organ_id: int, kind: str) -> HttpResponse:
    organ = Organ.objects.filter(pk=organ_id).first()
    if (
        organ is None
        or kind not in DEFAULTS
        or not perms.can_edit_letters_of(request.user, organ_id)
    ):
        raise Http404("没有这个文书模板，或您无权修改。")
    row = LetterTemplate.objects.filter(organ=organ, kind=kind).first()
    initial = (
        {"title": row.title, "body": row.body}
        if row
        else dict(zip(("title", "body"), DEFAULTS[kind], strict=True))
    )
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        try:
            if request.POST.get("reset"):
                letter_template_reset(actor=request.user, organ=organ, kind=kind)
                messages.success(request, "已恢复默认文书模板。")
                return redirect("applications:letter-templates")
            if form.is_valid():
                letter_template_save(
                    actor=request.user, organ=organ, kind=kind, **form.cleaned_data
                )
                messages.success(request, "文书模板已保存。")
                return redirect("applications:letter-templates")
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "applications/office/letter_template_edit.html",
        {"form": form, "organ": organ, "label": _letter_label(kind), "customised": row is not None},
        status=400 if form.errors else 200,
    )
