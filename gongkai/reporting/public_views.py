"""The public 政府信息公开年报 pages: the list of published reports and each report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.reporting.presentation import tables_context
from gongkai.reporting.selectors import published_content, published_reports


def published_list(request: HttpRequest) -> HttpResponse:
    reports = published_reports()
    years: dict[int, list] = {}
    for report in reports:
        years.setdefault(report.year, []).append(report)
    return render(
        request, "reporting/public_list.html", {"years": sorted(years.items(), reverse=True)}
    )


def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(published_reports(), pk=pk)
    content = published_content(report)
    return render(
        request,
        "reporting/public_detail.html",
        {"report": report, "content": content, "title": content.get("title") or report.title,
         "sections": content.get("sections", {}), "drill": None,
         "downloads": [],
         **tables_context(str(content.get("format_version")), content.get("cells", {}))},
    )  # fmt: skip
