"""Back-office page for figures of organs outside the system (/office/reports/outside/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.annual_report.schema import UnknownFormatError, format_for_year
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ
from gongkai.reporting.forms import OutsideFigureForm
from gongkai.reporting.models import OutsideFigure
from gongkai.reporting.outside import outside_figure_remove, outside_figure_set
from gongkai.reporting.permissions import can_enter_outside_figures_for


def _organs(request: HttpRequest) -> list[Organ]:
    return [
        o
        for o in Organ.objects.filter(outside_system=True).select_related("parent")
        if can_enter_outside_figures_for(request.user, o)
    ]


@login_required
def outside_figures(request: HttpRequest) -> HttpResponse:
    organs = _organs(request)
    if not organs:
        raise Http404
    year_text = (
        request.GET.get("year") or request.POST.get("year") or str(timezone.localdate().year - 1)
    )
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year - 1
    try:
        fmt = format_for_year(year)
    except UnknownFormatError:
        fmt = format_for_year(timezone.localdate().year - 1)
        year = timezone.localdate().year - 1
    key_choices = [
        (k, f"{fmt.cell(k).label}（{fmt.cell(k).unit or '无单位'}）") for k in fmt.cell_keys
    ]
    organ_qs = Organ.objects.filter(pk__in=[o.pk for o in organs])
    form = OutsideFigureForm(
        request.POST or None, organs=organ_qs, key_choices=key_choices, initial={"year": year}
    )
    if request.method == "POST" and request.POST.get("remove"):
        figure = get_object_or_404(OutsideFigure, pk=request.POST["remove"], organ__in=organ_qs)
        try:
            outside_figure_remove(actor=request.user, figure=figure)  # type: ignore[arg-type]
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已删除该数字（历史记录保留）。")
        return redirect(f"{request.path}?year={year}")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            outside_figure_set(
                actor=request.user,  # type: ignore[arg-type]
                organ=d["organ"],
                year=d["year"],
                key=d["key"],
                text=d["value"],
                unit=d["unit"],
                note=d["note"],
            )
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, f"{exc.message} / {exc.message_en}")
        else:
            messages.success(request, "已保存。汇总报告重新生成后计入。")
            return redirect(f"{request.path}?year={d['year']}")
    figures = OutsideFigure.objects.filter(organ__in=organ_qs, year=year).select_related(
        "organ", "entered_by"
    )
    rows = [
        (f, fmt.cell(f.key).label if fmt.has_cell(f.key) else f.key)
        for f in figures.order_by("organ_id", "key", "-id")
    ]
    return render(
        request,
        "reporting/outside.html",
        {"form": form, "rows": rows, "year": year, "organs": organs},
    )
