"""Back-office pages of the catalogue (/office/publications/…): register, review, publish and
withdraw items; Art. 20 statistics and normative documents; the Art. 26 list; portal pages.
Views parse input and call services; permissions decide who sees what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ
from gongkai.publications import forms as f
from gongkai.publications import permissions as perms
from gongkai.publications import selectors, services
from gongkai.publications.content import MAX_ATTACHMENT_BYTES
from gongkai.publications.models import (
    CatalogueEvent,
    NormativeDocument,
    PageKind,
    Publication,
    Status,
)
from gongkai.publications.statistics_import import ImportRejected
from gongkai.workdays.compute import CalendarMissingError


def _user(request: HttpRequest) -> Any:
    return request.user


def _run(request: HttpRequest, form: Any, call: Callable[[], object], ok: str) -> bool:
    """Call a service; on a domain error put the message on the form (or page) and say no."""
    try:
        call()
    except ImportRejected as exc:
        for problem in exc.problems[:50]:
            messages.error(request, problem)
        messages.error(request, "文件未导入，数据库未作任何修改。")
        return False
    except DomainError as exc:
        if form is not None and exc.field and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        else:
            messages.error(request, exc.message)
        return False
    messages.success(request, ok)
    return True


def _item_for(request: HttpRequest, pk: int) -> Publication:
    item = get_object_or_404(
        Publication.objects.select_related("organ", "category", "topic"), pk=pk
    )
    if item.organ_id not in perms.catalogue_organ_ids(_user(request)):
        raise Http404("没有这条信息")
    return item


def _input(cd: dict[str, Any]) -> services.PublicationInput:
    return services.PublicationInput(
        title=cd["title"], formed_on=cd["formed_on"], category_code=cd["category"].code,
        body_html=cd["body_html"], document_number=cd["document_number"], keywords=cd["keywords"],
        written_on=cd["written_on"], topic_code=cd["topic"].code if cd["topic"] else None,
        primary_channel=cd["primary_channel"], channels=list(cd["channels"]),
        validity=cd["validity"], disclosure_mode=cd["disclosure_mode"],
    )  # fmt: skip


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    organ_ids = perms.catalogue_organ_ids(_user(request))
    if not organ_ids:
        raise Http404("您没有主动公开目录的岗位")
    qs = Publication.objects.filter(organ_id__in=organ_ids).select_related("organ", "category")
    status = request.GET.get("status")
    if status in Status.values:
        qs = qs.filter(status=status)
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        qs = qs.filter(title__icontains=q) | qs.filter(index_number__icontains=q)
    page = Paginator(qs.order_by("-created_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/office_list.html",
        {"page": page, "statuses": Status.choices, "status": status, "q": q},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    organ_ids = {
        o
        for o in perms.catalogue_organ_ids(_user(request))
        if perms.can_edit_catalogue_of(_user(request), o)
    }
    if not organ_ids:
        raise Http404("您没有登记主动公开信息的岗位")
    form = f.PublicationForm(request.POST or None)
    form.fields["organ"] = f.organ_field(organ_ids, "发布机构")
    form.order_fields(["organ"])
    created: list[Publication] = []
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data

        def call() -> None:
            created.append(
                services.publication_create(
                    actor=_user(request), organ=cd["organ"], data=_input(cd)
                )
            )

        if _run(request, form, call, "已登记为草稿，索引号已分配。"):
            return HttpResponseRedirect(reverse("publications:detail", args=[created[0].pk]))
    return render(
        request, "publications/office_form.html", {"form": form, "title": "登记主动公开信息"}
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for(request, pk)
    initial = {
        "title": item.title, "document_number": item.document_number,
        "category": item.category.code, "topic": item.topic.code if item.topic else None,
        "keywords": item.keywords, "written_on": item.written_on, "formed_on": item.formed_on,
        "primary_channel": item.primary_channel, "channels": item.channels,
        "validity": item.validity, "disclosure_mode": item.disclosure_mode, "body_html": item.body_html,
    }  # fmt: skip
    form = f.PublicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data

        def call() -> None:
            services.publication_update(actor=_user(request), publication=item, data=_input(cd))

        if _run(request, form, call, "已保存。"):
            return HttpResponseRedirect(reverse("publications:detail", args=[item.pk]))
    return render(
        request,
        "publications/office_form.html",
        {"form": form, "title": f"修改：{item.title}", "item": item},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for(request, pk)
    user = _user(request)
    events = CatalogueEvent.objects.filter(
        subject=f"publications.publication:{item.pk}"
    ).select_related("actor")
    return render(
        request,
        "publications/office_detail.html",
        {
            "item": item,
            "reviews": item.reviews.select_related("reviewer"),
            "events": events,
            "attachments": item.attachments.all(),
            "can_edit": perms.can_edit_catalogue_of(user, item.organ_id),
            "can_review": perms.can_review_catalogue_of(user, item.organ_id),
            "review_form": f.ReviewForm(),
            "publish_form": f.PublishForm(),
            "withdraw_form": f.WithdrawForm(),
            "attachment_form": f.AttachmentForm(),
        },
    )


def _action(name: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        item = _item_for(request, pk)
        user = _user(request)
        if name == "submit":
            _run(
                request,
                None,
                lambda: services.publication_submit(actor=user, publication=item),
                "已提交保密审查。",
            )
        elif name == "review":
            form = f.ReviewForm(request.POST)
            if form.is_valid():
                cd = form.cleaned_data
                _run(request, None, lambda: services.publication_review(
                    actor=user, publication=item, result=cd["result"], reviewed_on=cd["reviewed_on"],
                    opinion=cd["opinion"]), "保密审查结论已记录。")  # fmt: skip
            else:
                messages.error(request, "请选择审查结论并填写审查日期。")
        elif name == "publish":
            pform = f.PublishForm(request.POST)
            if pform.is_valid():
                day = pform.cleaned_data["published_on"]
                _run(
                    request,
                    None,
                    lambda: services.publication_publish(
                        actor=user, publication=item, published_on=day
                    ),
                    "已发布。",
                )
            else:
                messages.error(request, "请填写发布日期。")
        elif name == "withdraw":
            reason = (request.POST.get("reason") or "").strip()
            _run(
                request,
                None,
                lambda: services.publication_withdraw(actor=user, publication=item, reason=reason),
                "已撤回。",
            )
        elif name == "attach":
            upload = request.FILES.get("file")
            if upload is None:
                messages.error(request, "请选择要上传的文件。")
            else:
                data = upload.read(MAX_ATTACHMENT_BYTES + 1)
                _run(request, None, lambda: services.publication_attach(
                    actor=user, publication=item, name=upload.name or "附件", data=data), "附件已上传。")  # fmt: skip
        return HttpResponseRedirect(reverse("publications:detail", args=[item.pk]))

    return view


submit = _action("submit")
review = _action("review")
publish = _action("publish")
withdraw = _action("withdraw")
attach = _action("attach")


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else timezone.localdate().year - 1


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Art. 20 (1)(5)(6)(8): the table 二 cells as they will appear in the report, the figures
    entered, a form and an import, and the normative documents."""
    user = _user(request)
    organ_ids = perms.statistics_organ_ids(user)
    if not organ_ids:
        raise Http404("您没有填报统计数据的岗位")
    year = _year(request)
    stat_form = f.StatisticForm(
        request.POST if request.POST.get("form") == "stat" else None, initial={"year": year}
    )
    stat_form.fields["organ"] = f.organ_field(organ_ids)
    stat_form.order_fields(["organ"])
    doc_form = f.NormativeForm(request.POST if request.POST.get("form") == "doc" else None)
    doc_form.fields["organ"] = f.organ_field(organ_ids, "制发机关")
    doc_form.order_fields(["organ"])
    import_form = f.ImportForm()
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "stat" and stat_form.is_valid():
            cd = stat_form.cleaned_data
            if _run(request, stat_form, lambda: services.decision_statistics_record(
                actor=user, organ=cd["organ"], year=cd["year"], kind=cd["kind"], value=cd["value"],
                source=cd["source"]), "已保存。"):  # fmt: skip
                return HttpResponseRedirect(
                    f"{reverse('publications:statistics')}?year={cd['year']}"
                )
        elif which == "import":
            upload = request.FILES.get("file")
            if upload is None:
                messages.error(request, "请选择要导入的文件。")
            else:
                data = upload.read(5 * 1024 * 1024 + 1)
                if len(data) > 5 * 1024 * 1024:
                    messages.error(request, "文件超过 5 MB。")
                elif _run(request, None, lambda: services.decision_statistics_import(
                        actor=user, filename=upload.name or "", data=data), "导入完成。"):  # fmt: skip
                    return HttpResponseRedirect(f"{reverse('publications:statistics')}?year={year}")
        elif which == "doc" and doc_form.is_valid():
            cd = doc_form.cleaned_data
            if _run(request, doc_form, lambda: services.normative_document_register(
                actor=user, organ=cd["organ"], kind=cd["kind"], title=cd["title"],
                document_number=cd["document_number"], issued_on=cd["issued_on"],
                expires_on=cd["expires_on"], repealed_on=cd["repealed_on"]), "已登记。"):  # fmt: skip
                return HttpResponseRedirect(f"{reverse('publications:statistics')}?year={year}")
    organs = list(Organ.objects.filter(pk__in=organ_ids).order_by("sort_order", "id"))
    cells = selectors.table2_cells(organ_ids=organ_ids, year=year)
    return render(
        request,
        "publications/office_statistics.html",
        {
            "year": year, "organs": organs, "cells": cells,
            "stats": selectors.decision_statistics(organ_ids=organ_ids, year=year),
            "docs": selectors.normative_documents(organ_ids=organ_ids).order_by("-issued_on")[:200],
            "stat_form": stat_form, "doc_form": doc_form, "import_form": import_form,
            "end_of_year": date(year, 12, 31),
        },
    )  # fmt: skip


@login_required
@require_POST
def repeal(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument, pk=pk)
    if doc.organ_id not in perms.statistics_organ_ids(_user(request)):
        raise Http404("没有这份文件")
    form = f.RepealForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["repealed_on"]
        _run(
            request,
            None,
            lambda: services.normative_document_repeal(
                actor=_user(request), document=doc, repealed_on=day
            ),
            "已登记废止。",
        )
    else:
        messages.error(request, "请填写废止日期。")
    return HttpResponseRedirect(f"{reverse('publications:statistics')}?year={_year(request)}")


@login_required
def art26(request: HttpRequest) -> HttpResponse:
    """Art. 26: items not published within 20 working days of being formed or changed."""
    organ_ids = perms.catalogue_organ_ids(_user(request))
    if not organ_ids:
        raise Http404("您没有主动公开目录的岗位")
    year = _year(request) if request.GET.get("year") else None
    error = None
    rows: list[selectors.Art26Row] = []
    try:
        rows = selectors.art26_late_items(organ_ids=organ_ids, year=year)
    except CalendarMissingError as exc:
        error = exc.message
    return render(
        request, "publications/office_art26.html", {"rows": rows, "error": error, "year": year}
    )


@login_required
def pages(request: HttpRequest) -> HttpResponse:
    """The office writes its 指南 and 制度 pages."""
    from gongkai.orgs.models import Role
    from gongkai.orgs.selectors import organ_ids_for

    user = _user(request)
    organ_ids = organ_ids_for(user, (Role.OFFICE_ADMIN,))
    if not organ_ids:
        raise Http404("只有公开办管理员可以编辑专栏页面")
    organ_id = int(request.GET.get("organ") or 0) or min(organ_ids)
    kind = str(request.GET.get("kind") or PageKind.GUIDE)
    if kind not in PageKind.values:
        kind = PageKind.GUIDE
    if organ_id not in organ_ids:
        raise Http404
    existing = selectors.portal_page(organ_id, kind)
    initial = {
        "kind": kind,
        "organ": organ_id,
        "title": existing.title if existing else "",
        "body_html": existing.body_html if existing else "",
    }
    form = f.PortalPageForm(request.POST or None, initial=initial)
    form.fields["organ"] = f.organ_field(organ_ids)
    form.order_fields(["organ"])
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        if _run(request, form, lambda: services.portal_page_save(
            actor=user, organ=cd["organ"], kind=cd["kind"], title=cd["title"], body_html=cd["body_html"]), "已保存并发布到公开专栏。"):  # fmt: skip
            return HttpResponseRedirect(
                f"{reverse('publications:pages')}?organ={cd['organ'].pk}&kind={cd['kind']}"
            )
    return render(request, "publications/office_pages.html", {"form": form, "page": existing})
